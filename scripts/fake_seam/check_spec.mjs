#!/usr/bin/env node
// Calls every public route the fake Seam server implements (on the "full"
// seed workspace, see README.md) and checks each JSON response against the
// response schema of the same route in the OpenAPI document of
// @seamapi/types (what the generated C++ models are built from). Prints, per
// route, what the fake sends that the spec does not allow: required members
// it leaves out, nulls where the spec has no `nullable`, values of the wrong
// JSON type, enum values the spec does not list, and union members that match
// no variant. Evidence for scripts/codegen/seam_overrides.json and
// docs/seam.md ("The fake server").
//
//   node check_spec.mjs --url http://127.0.0.1:PORT [--types DIR] [--json]
//
// --types: a node_modules directory holding @seamapi/types (default: the
// generator's, scripts/codegen/node_modules). The server must be freshly
// started (the calls create, update and delete).
import { createRequire } from 'node:module'
import path from 'node:path'
import process from 'node:process'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
const url = option('--url')
if (!url) {
  process.stderr.write('usage: node check_spec.mjs --url http://127.0.0.1:PORT [--types NODE_MODULES] [--json]\n')
  process.exit(2)
}
const typesDir = option('--types', path.join(here, '../codegen/node_modules'))
const require = createRequire(path.join(typesDir, 'noop.js'))
const { openapi } = await import(pathToFileURL(require.resolve('@seamapi/types/connect')).href)

const KEY = 'seam_fullkey1_token'

const call = async (route, body = {}, { auth = `Bearer ${KEY}`, headers = {} } = {}) => {
  const response = await fetch(url + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}), ...headers },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, text, json }
}

// ---- schema walk ------------------------------------------------------------

const deref = (s) => {
  while (s && s.$ref) s = s.$ref.split('/').slice(1).reduce((o, k) => o[k], openapi)
  return s
}
const refName = (s) => (s && s.$ref ? s.$ref.split('/').pop() : undefined)
const typeOfJson = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v)

// Issues of one value against one schema; each { path, kind, detail }.
const check = (value, schema0, at, resource) => {
  const schema = deref(schema0)
  const name = refName(schema0) ?? resource
  if (!schema) return []
  if (value === null) return schema.nullable ? [] : [{ path: at, resource: name, kind: 'null where not nullable', detail: 'null' }]
  if (schema.allOf) return schema.allOf.flatMap((s) => check(value, s, at, name))
  if (schema.oneOf || schema.anyOf) {
    const variants = schema.oneOf ?? schema.anyOf
    const results = variants.map((v) => check(value, v, at, name))
    if (results.some((r) => r.length === 0)) return []
    // Report against the variant whose literal members (discriminators) match, else the closest.
    const literalMatch = (v) => {
      const s = deref(v)
      if (!s?.properties || typeof value !== 'object') return 0
      let n = 0
      for (const [k, p] of Object.entries(s.properties)) {
        const e = deref(p)?.enum
        if (e && e.length === 1 && value[k] !== undefined) n += e[0] === value[k] ? 1 : -100
      }
      return n
    }
    const order = variants.map((v, i) => i).sort((a, b) => literalMatch(variants[b]) - literalMatch(variants[a]) || results[a].length - results[b].length)
    return results[order[0]]
  }
  const t = schema.type
  const jt = typeOfJson(value)
  if (t === 'object' || (!t && schema.properties)) {
    if (jt !== 'object') return [{ path: at, resource: name, kind: 'wrong type', detail: `${jt}, spec: object` }]
    const issues = []
    for (const k of schema.required ?? []) {
      if (!(k in value)) issues.push({ path: `${at}.${k}`, resource: name, kind: 'required member absent', detail: k })
    }
    for (const [k, v] of Object.entries(value)) {
      if (schema.properties && k in schema.properties) issues.push(...check(v, schema.properties[k], `${at}.${k}`, name))
      else if (!schema.properties && schema.additionalProperties && typeof schema.additionalProperties === 'object')
        issues.push(...check(v, schema.additionalProperties, `${at}.${k}`, name))
    }
    return issues
  }
  if (t === 'array') {
    if (jt !== 'array') return [{ path: at, resource: name, kind: 'wrong type', detail: `${jt}, spec: array` }]
    return value.flatMap((v, i) => check(v, schema.items, `${at}[${i}]`, name))
  }
  if (t === 'integer' && jt !== 'integer') return [{ path: at, resource: name, kind: 'wrong type', detail: `${JSON.stringify(value)}, spec: integer` }]
  if (t === 'number' && jt !== 'integer' && jt !== 'number') return [{ path: at, resource: name, kind: 'wrong type', detail: `${JSON.stringify(value)}, spec: number` }]
  if (t === 'string' && jt !== 'string') return [{ path: at, resource: name, kind: 'wrong type', detail: `${JSON.stringify(value)}, spec: string` }]
  if (t === 'boolean' && jt !== 'boolean') return [{ path: at, resource: name, kind: 'wrong type', detail: `${JSON.stringify(value)}, spec: boolean` }]
  if (schema.enum && !schema.enum.includes(value)) {
    return [{ path: at, resource: name, kind: schema.enum.length === 1 ? 'literal differs' : 'enum value not in spec', detail: `${JSON.stringify(value)}, spec: ${JSON.stringify(schema.enum).slice(0, 200)}` }]
  }
  return []
}

const responseSchema = (route) => {
  const p = openapi.paths[route]
  const op = p?.post ?? p?.get
  return op?.responses?.['200']?.content?.['application/json']?.schema
}

// ---- the calls --------------------------------------------------------------

const results = []
const run = async (route, body, opts) => {
  const r = await call(route, body, opts)
  const schema = responseSchema(route)
  const entry = { route, status: r.status, issues: [], body: r.json ?? r.text.trim().slice(0, 200) }
  if (r.status !== 200) entry.error = r.text.trim().slice(0, 300)
  else if (!schema) entry.error = 'no response schema in the spec'
  else if (r.json === undefined) entry.error = 'response is not JSON'
  else entry.issues = check(r.json, schema, '$', undefined)
  results.push(entry)
  return r.json ?? {}
}

const device = 'full_lock_1'
await run('/workspaces/get')
await run('/workspaces/list')
await run('/workspaces/create', { name: 'Made by check_spec', connect_partner_name: 'apibind', is_sandbox: true }, { auth: 'Bearer seam_at1_longtoken' })

await run('/connected_accounts/get', { connected_account_id: 'full_ca_locks' })
await run('/connected_accounts/list')
await run('/connected_accounts/update', { connected_account_id: 'full_ca_noise', custom_metadata: { checked: true } })

await run('/devices/get', { device_id: device })
await run('/devices/list', { limit: 3 })
await run('/devices/list_device_providers')
await run('/devices/update', { device_id: 'full_lock_4', name: 'Full Side Door (renamed)' })
await run('/devices/unmanaged/get', { device_id: 'full_unmanaged_1' })
await run('/devices/unmanaged/list')
await run('/devices/unmanaged/update', { device_id: 'full_unmanaged_1', is_managed: true })

await run('/locks/get', { device_id: device })
await run('/locks/list')
const unlocked = await run('/locks/unlock_door', { device_id: device })
await run('/locks/lock_door', { device_id: device })
await run('/action_attempts/get', { action_attempt_id: unlocked.action_attempt?.action_attempt_id })
await run('/action_attempts/list', { action_attempt_ids: [unlocked.action_attempt?.action_attempt_id] })

await run('/thermostats/list')
await run('/thermostats/cool', { device_id: 'full_thermostat_1', cooling_set_point_celsius: 23 })
await run('/thermostats/heat', { device_id: 'full_thermostat_1', heating_set_point_celsius: 20 })
await run('/thermostats/heat_cool', { device_id: 'full_thermostat_1', heating_set_point_celsius: 19, cooling_set_point_celsius: 25 })
await run('/thermostats/off', { device_id: 'full_thermostat_1' })
await run('/thermostats/set_fan_mode', { device_id: 'full_thermostat_1', fan_mode_setting: 'on' })

const nt = await run('/noise_sensors/noise_thresholds/list', { device_id: 'full_noise_1' })
const ntId = nt.noise_thresholds?.[0]?.noise_threshold_id
await run('/noise_sensors/noise_thresholds/get', { noise_threshold_id: ntId })
const made = await run('/noise_sensors/noise_thresholds/create', { device_id: 'full_noise_1', starts_daily_at: '20:00:00[America/Los_Angeles]', ends_daily_at: '21:00:00[America/Los_Angeles]', noise_threshold_decibels: 80 })
await run('/noise_sensors/noise_thresholds/update', { device_id: 'full_noise_1', noise_threshold_id: ntId, noise_threshold_decibels: 70 })
await run('/noise_sensors/noise_thresholds/delete', { device_id: 'full_noise_1', noise_threshold_id: ntId })

await run('/access_codes/get', { access_code_id: 'full_access_code_1' })
await run('/access_codes/list', { device_id: device })
const created = await run('/access_codes/create', { device_id: device, name: 'check_spec code', code: '4321' })
await run('/access_codes/update', { access_code_id: created.access_code?.access_code_id, name: 'check_spec code 2' })
await run('/access_codes/create_multiple', { device_ids: ['full_lock_2', 'full_lock_3'], name: 'check_spec multi' })
await run('/access_codes/generate_code', { device_id: device })
const timebound = await run('/access_codes/create', { device_id: 'full_lock_2', name: 'check_spec timebound', code: '5678', starts_at: '2030-01-01T00:00:00.000Z', ends_at: '2030-01-02T00:00:00.000Z' })
await run('/access_codes/pull_backup_access_code', { access_code_id: timebound.access_code?.access_code_id })
await run('/access_codes/simulate/create_unmanaged_access_code', { device_id: 'full_lock_3', name: 'check_spec unmanaged', code: '2468' })
await run('/access_codes/unmanaged/list', { device_id: 'full_lock_3' })
await run('/access_codes/unmanaged/update', { access_code_id: 'full_unmanaged_code_1', is_managed: true })
await run('/access_codes/delete', { access_code_id: created.access_code?.access_code_id })

await run('/acs/systems/get', { acs_system_id: 'full_acs_system_1' })
await run('/acs/systems/list')
const users = await run('/acs/users/list')
const user = users.acs_users?.[0]?.acs_user_id
await run('/acs/users/get', { acs_user_id: user })
const newUser = await run('/acs/users/create', { acs_system_id: 'full_acs_system_1', full_name: 'check_spec user', email_address: 'check@example.com' })
const newId = newUser.acs_user?.acs_user_id
await run('/acs/users/update', { acs_user_id: newId, full_name: 'check_spec user 2' })
await run('/acs/users/suspend', { acs_user_id: newId })
await run('/acs/users/unsuspend', { acs_user_id: newId })
await run('/acs/users/delete', { acs_user_id: newId })
const entrances = await run('/acs/entrances/list')
const entrance = entrances.acs_entrances?.[0]?.acs_entrance_id
await run('/acs/entrances/get', { acs_entrance_id: entrance })
await run('/acs/entrances/grant_access', { acs_entrance_id: entrance, acs_user_id: user })

const webviews = await run('/connect_webviews/list')
await run('/connect_webviews/get', { connect_webview_id: webviews.connect_webviews?.[0]?.connect_webview_id })
await run('/connect_webviews/create', { accepted_providers: ['august'] })

const session = await run('/client_sessions/create', { user_identifier_key: 'check_spec_user' })
await run('/client_sessions/get', { client_session_id: session.client_session?.client_session_id })
await run('/client_sessions/get_or_create', { user_identifier_key: 'check_spec_user_2' }, { auth: null, headers: { 'seam-publishable-key': 'seam_pk1_token' } })

await run('/user_identities/create', { user_identity_key: 'check_spec_identity', email_address: 'ci@example.com' })
await run('/user_identities/add_acs_user', { user_identity_id: 'full_user_identity_1', acs_user_id: user })

const hooks = await run('/webhooks/list')
await run('/webhooks/get', { webhook_id: hooks.webhooks?.[0]?.webhook_id })
const hook = await run('/webhooks/create', { url: 'https://example.com/check_spec', event_types: ['lock.unlocked'] })
await run('/webhooks/delete', { webhook_id: hook.webhook?.webhook_id })

const events = await run('/events/list', { since: '2020-01-01T00:00:00.000Z' })
await run('/events/get', { event_id: events.events?.[0]?.event_id })

await run('/connected_accounts/delete', { connected_account_id: 'full_ca_noise' })
await run('/devices/delete', { device_id: 'full_lock_4' })
await run('/workspaces/reset_sandbox')

if (args.includes('--json')) {
  process.stdout.write(JSON.stringify(results, null, 2) + '\n')
} else {
  for (const r of results) {
    const head = `${r.route} -> ${r.status}`
    if (r.error) process.stdout.write(`${head}: ${r.error}\n`)
    else if (r.issues.length === 0) process.stdout.write(`${head}: matches the spec\n`)
    else {
      process.stdout.write(`${head}:\n`)
      const seen = new Map()
      for (const i of r.issues) {
        const key = `${i.resource ?? '-'} | ${i.kind} | ${i.path.replace(/\[\d+\]/g, '[]')}`
        if (!seen.has(key)) seen.set(key, i.detail)
      }
      for (const [k, d] of seen) process.stdout.write(`  ${k} | ${d}\n`)
    }
  }
}
