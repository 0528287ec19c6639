// Drives the real `svix` package (tests/svix/package.json pins it) for apibind's webhook tests.
//   node tests/svix/svix.mjs REQUESTS.json   ->  prints a JSON array, one answer per request
// Requests (a JSON array):
//   {"op":"sign","secret":S,"id":ID,"timestamp":SECONDS,"payload":TEXT}  -> {"ok":true,"signature":"v1,..."}
//   {"op":"verify","secret":S,"payload":TEXT,"headers":{NAME:VALUE,...}}  -> {"ok":true,"event":{...}}
//                                                                          or {"ok":false,"error":MESSAGE}
// A request svix throws on (a bad secret, a failed verification) answers {"ok":false,"error":...}.
import { readFileSync } from "node:fs"
import { Webhook } from "svix"

const requests = JSON.parse(readFileSync(process.argv[2] ?? 0, "utf8"))
const answers = requests.map((r) => {
    try {
        const hook = new Webhook(r.secret)
        if (r.op === "sign") return { ok: true, signature: hook.sign(r.id, new Date(r.timestamp * 1000), r.payload) }
        if (r.op === "verify") return { ok: true, event: hook.verify(r.payload, r.headers) }
        return { ok: false, error: `unknown op ${JSON.stringify(r.op)}` }
    } catch (e) {
        return { ok: false, error: String(e?.message ?? e) }
    }
})
process.stdout.write(JSON.stringify(answers) + "\n")
