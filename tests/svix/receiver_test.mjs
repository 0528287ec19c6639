// Runs examples/seam_webhook_receiver as a test (ctest: example_seam_webhook_receiver):
//   node tests/svix/receiver_test.mjs path/to/seam_webhook_receiver
// Starts it with --requests 3 on a free port of 127.0.0.1, sends a request signed by svix (204
// expected, and the decoded event printed), a forged one and one with a changed body (400 each),
// then checks that the server stops by itself with status 0.
import assert from "node:assert/strict"
import { spawn } from "node:child_process"
import { Webhook } from "svix"

const binary = process.argv[2]
assert.ok(binary, "usage: node receiver_test.mjs path/to/seam_webhook_receiver")
const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
const forger = "whsec_" + Buffer.from("not the endpoint's secret").toString("base64")

const child = spawn(binary, ["--port", "0", "--requests", "3"], {
    env: { ...process.env, SEAM_WEBHOOK_SECRET: secret },
    stdio: ["ignore", "pipe", "pipe"],
})
const killer = setTimeout(() => child.kill("SIGKILL"), 30_000)  // never outlive ctest's timeout
let stdout = ""
let stderr = ""
child.stderr.on("data", (d) => (stderr += d))
const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })))
const url = await new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => {
        stdout += d
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
        if (m) resolve(m[1])
    })
    child.on("exit", () => reject(new Error(`receiver exited before listening: ${stderr}`)))
})

const event = {
    event_id: "4a3e9b5c-7d31-4f0a-9f4e-0c3b8e6d2a11",
    event_type: "connected_account.connected",
    connected_account_id: "c6c2ba4f-8a9f-4b7e-b3a4-9f1b6d0c1e22",
    connect_webview_id: "0b1f5e1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
    workspace_id: "d7a1c1e0-5e3b-4d6f-9a8b-7c6d5e4f3a2b",
    created_at: "2025-06-15T16:54:17.946Z",
    occurred_at: "2025-06-15T16:54:17.946Z",
}
const body = JSON.stringify(event)
const id = "msg_receiver_test_1"
const now = new Date()
const headers = (key, payload) => ({
    "content-type": "application/json",
    "svix-id": id,
    "svix-timestamp": String(Math.floor(now.getTime() / 1000)),
    "svix-signature": new Webhook(key).sign(id, now, payload),
})
const post = async (payload, h) => (await fetch(url, { method: "POST", headers: h, body: payload })).status

assert.equal(await post(body, headers(secret, body)), 204, "a request signed by svix is accepted")
assert.equal(await post(body, headers(forger, body)), 400, "a request signed with another secret is refused")
assert.equal(await post(body.replace("connected", "disconnected"), headers(secret, body)), 400,
    "a request whose body was changed is refused")

const { code, signal } = await exited
clearTimeout(killer)
assert.equal(signal, null, `the receiver was killed (${signal}): it did not stop by itself`)
assert.equal(code, 0, `the receiver exited with ${code}: ${stderr}`)
const printed = stdout.split("\n").filter((l) => l.startsWith("{"))
assert.equal(printed.length, 1, `one event printed, got: ${stdout}`)
assert.deepEqual(JSON.parse(printed[0]), event)
assert.equal((stderr.match(/^rejected: not authentic signature_mismatch/gm) ?? []).length, 2, stderr)
assert.ok(!stderr.includes("MfKQ9r8G") && !stdout.includes("MfKQ9r8G"), "the secret never shows")
console.log("receiver_test: 3 requests answered 204, 400, 400; the receiver stopped by itself")
