#!/usr/bin/env node
// A counting HTTP server for apibind's load tests (tests/integration/test_load.cpp).
//
//   node server.mjs [--port N] [--reset P] [--delay P] [--delay-ms MS] [--unavailable P]
//
// - Binds 127.0.0.1 only. Once listening it prints one line to stdout:
//     APIBIND_LOAD_SERVER_URL=http://127.0.0.1:<port>
//   and exits when its stdin reaches EOF (the test process went away) or on SIGTERM/SIGINT.
// - Any path but /_stats answers 200 with a small JSON list, after these faults, chosen per request
//   from its sequence number (a fixed hash, so a run is reproducible): a fraction --reset of the
//   requests get a TCP reset instead of an answer, --delay are answered after --delay-ms, and
//   --unavailable get a 503.
// - Every request is counted by its `x-call-id` header: GET /_stats returns
//   {"requests", "calls", "repeated": [{"id", "method", "count"}...], "resets", "delays", "unavailable",
//    "connections", "peak_connections"}
//   where `repeated` lists the calls the server saw more than once (the first 100 of them),
//   `connections` counts the TCP connections accepted and `peak_connections` the most open at once.

import http from 'node:http'
import process from 'node:process'

const options = { port: 0, reset: 0, delay: 0, delayMs: 0, unavailable: 0 }
const names = { '--port': 'port', '--reset': 'reset', '--delay': 'delay', '--delay-ms': 'delayMs', '--unavailable': 'unavailable' }
const argv = process.argv.slice(2)
for (let i = 0; i < argv.length; ++i) {
  const [flag, inline] = argv[i].split('=', 2)
  const key = names[flag]
  const value = inline ?? argv[++i]
  if (!key || value === undefined || Number.isNaN(Number(value))) {
    process.stderr.write(`load/server.mjs: bad argument ${argv[i]}\n`)
    process.exit(1)
  }
  options[key] = Number(value)
}

const seen = new Map() // call id -> { method, count }
const stats = { requests: 0, resets: 0, delays: 0, unavailable: 0, connections: 0, peak_connections: 0 }
let openConnections = 0
const items = JSON.stringify({ items: Array.from({ length: 10 }, (_, i) => ({ id: `thing_${i}`, name: `Thing ${i}` })) })

// A number in [0, 1) from the request's sequence number (Knuth's multiplicative hash).
const fate = (n) => ((Math.imul(n + 1, 2654435761) >>> 0) / 4294967296)

const server = http.createServer((req, res) => {
  if (req.url === '/_stats') {
    const repeated = []
    for (const [id, v] of seen) if (v.count > 1 && repeated.length < 100) repeated.push({ id, method: v.method, count: v.count })
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ ...stats, calls: seen.size, repeated }))
    return
  }
  const n = stats.requests++
  const id = req.headers['x-call-id'] ?? ''
  const entry = seen.get(id)
  if (entry) entry.count++
  else seen.set(id, { method: req.method, count: 1 })

  req.resume() // the body is not needed
  req.on('end', () => {
    const u = fate(n)
    if (u < options.reset) {
      stats.resets++
      req.socket.resetAndDestroy()
    } else if (u < options.reset + options.delay) {
      stats.delays++
      setTimeout(() => answer(res, 200, items), options.delayMs)
    } else if (u < options.reset + options.delay + options.unavailable) {
      stats.unavailable++
      answer(res, 503, JSON.stringify({ error: { type: 'service_unavailable', message: 'try again' } }))
    } else {
      answer(res, 200, items)
    }
  })
})

function answer(res, status, body) {
  if (res.destroyed) return // the client gave up (its attempt timed out)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

server.on('connection', (socket) => {
  stats.connections++
  stats.peak_connections = Math.max(stats.peak_connections, ++openConnections)
  socket.on('close', () => --openConnections)
})

server.keepAliveTimeout = 30_000
server.listen(options.port, '127.0.0.1', () => {
  process.stdout.write(`APIBIND_LOAD_SERVER_URL=http://127.0.0.1:${server.address().port}\n`)
})
const stop = () => {
  server.closeAllConnections?.()
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 1000).unref()
}
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop)
