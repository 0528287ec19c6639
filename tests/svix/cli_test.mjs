// Tests `apibind-seam webhook verify` (ctest: seam_cli_webhook_verify) with requests signed by svix:
//   node tests/svix/cli_test.mjs path/to/apibind-seam
import assert from "node:assert/strict"
import { spawnSync } from "node:child_process"
import { Webhook } from "svix"

const cli = process.argv[2]
assert.ok(cli, "usage: node cli_test.mjs path/to/apibind-seam")
const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

const event = {
    event_id: "ev_cli_1",
    event_type: "connected_account.deleted",
    connected_account_id: "ca_1",
    connected_account_type: "august",
    workspace_id: "ws_1",
    created_at: "2025-06-15T16:54:17.946Z",
    occurred_at: "2025-06-15T16:54:17.946Z",
}
const body = JSON.stringify(event)
const now = new Date()
const ts = String(Math.floor(now.getTime() / 1000))
const signature = new Webhook(secret).sign("msg_cli", now, body)
const run = (args, input, env = { SEAM_WEBHOOK_SECRET: secret }) => {
    const r = spawnSync(cli, ["webhook", "verify", ...args], { input, env: { PATH: process.env.PATH, ...env }, encoding: "utf8" })
    return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}
const flags = (sig = signature, id = "msg_cli", t = ts) => ["--svix-id", id, "--svix-timestamp", t, "--svix-signature", sig]

let r = run(flags(), body)
assert.equal(r.status, 0, r.stderr)
assert.deepEqual(JSON.parse(r.stdout), event)

r = run([`--svix-id=msg_cli`, `--svix-timestamp=${ts}`, `--svix-signature=v1,AAAA ${signature}`], body)
assert.equal(r.status, 0, "--name=value and a rotated key list: " + r.stderr)

const rejected = [
    [flags(), body + " ", "signature_mismatch"],
    [flags(signature, "msg_other"), body, "signature_mismatch"],
    [flags(signature.replace("v1,", "v2,")), body, "signature_mismatch: svix-signature holds no v1 signature"],
    [flags(signature, "msg_cli", String(Number(ts) - 600)), body, "timestamp_too_old"],
    [flags(signature, "msg_cli", String(Number(ts) + 600)), body, "timestamp_too_new"],
    [["--svix-id", "msg_cli", "--svix-timestamp", ts], body, "missing_header"],
]
for (const [args, input, reason] of rejected) {
    r = run(args, input)
    assert.equal(r.status, 1, `${args.join(" ")}: ${r.stderr}`)
    assert.equal(r.stdout, "")
    assert.ok(r.stderr.includes(reason), `expected "${reason}" in: ${r.stderr}`)
    assert.ok(!r.stderr.includes("MfKQ9r8G"), "the secret never shows")
}

// Authentic, but not a Seam event: a decode error, not a forgery.
const notEvent = '{"event_type":"connected_account.created","event_id":"ev_9"}'
r = run(flags(new Webhook(secret).sign("msg_cli", now, notEvent)), notEvent)
assert.equal(r.status, 1)
assert.ok(r.stderr.includes("decode error") && r.stderr.includes("authentic webhook, but its body is not a Seam event"), r.stderr)

// The secret: only from the environment, and checked before anything is read.
r = run(flags(), body, {})
assert.equal(r.status, 2)
assert.ok(r.stderr.includes("SEAM_WEBHOOK_SECRET"), r.stderr)
r = run(flags(), body, { SEAM_WEBHOOK_SECRET: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" })
assert.equal(r.status, 2)
assert.ok(r.stderr.includes("whsec_") && !r.stderr.includes("MfKQ9r8G"), r.stderr)
r = run([...flags(), "--secret", secret], body)
assert.equal(r.status, 2, "there is no --secret flag")
console.log("cli_test: webhook verify accepts svix's signature and rejects every tampered request")
