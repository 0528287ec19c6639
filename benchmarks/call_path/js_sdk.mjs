// The official JS SDK (@seamapi/http, installed in scripts/fake_seam/node_modules) making the
// same calls as call_path.cpp: N `seam.connectedAccounts.list({ limit: 3 })` against the fake
// Seam server, measuring this process's CPU time (process.cpuUsage: user + system) per call.
//
//   node benchmarks/call_path/js_sdk.mjs --url http://127.0.0.1:PORT [--calls N] [--warmup N]
//
// Prints one tab-separated line like call_path:
//   js_sdk  calls  wall_s  calls_per_s  cpu_us_per_call  user_us_per_call  system_us_per_call
// Node 20's global HTTP agent keeps connections alive, so the SDK reuses its connection too.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const here = path.dirname(fileURLToPath(import.meta.url))
const fakeDir = path.resolve(here, '../../scripts/fake_seam')
const require = createRequire(path.join(fakeDir, 'package.json'))
const { SeamHttp } = require('@seamapi/http')  // resolved from scripts/fake_seam/node_modules

const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const url = opt('--url', '')
const calls = Number(opt('--calls', '2000'))
const warmup = Number(opt('--warmup', '200'))
if (!url || !(calls > 0) || !(warmup >= 0)) {
  console.error('usage: node js_sdk.mjs --url URL [--calls N] [--warmup N]')
  process.exit(2)
}

const seam = SeamHttp.fromApiKey('seam_labkey1_token', { endpoint: url })

const once = async () => {
  const accounts = await seam.connectedAccounts.list({ limit: 3 })
  if (accounts.length !== 3) throw new Error(`expected 3 accounts, got ${accounts.length}`)
}

for (let i = 0; i < warmup; i++) await once()
const cpu0 = process.cpuUsage()
const wall0 = process.hrtime.bigint()
for (let i = 0; i < calls; i++) await once()
const cpu = process.cpuUsage(cpu0)
const wall = Number(process.hrtime.bigint() - wall0) / 1e9
const cpuUs = (cpu.user + cpu.system) / calls
console.log(['js_sdk', calls, wall.toFixed(3), (calls / wall).toFixed(0), cpuUs.toFixed(1),
  (cpu.user / calls).toFixed(1), (cpu.system / calls).toFixed(1)].join('\t'))
