// Sample documents for every documented Seam Connect endpoint, generated from the spec's own
// schemas, independently of the binding generator (scripts/codegen): the mock-transport test
// (tests/unit/test_seam_spec_*.cpp) decodes them into the generated types, so a generator bug
// shows up as a sample that does not decode or round-trip.
//
//   node tests/seam_spec/make_samples.mjs            rewrite tests/data/seam/spec_samples.json,
//                                                    tests/unit/seam_spec/group_*.hpp (the test's
//                                                    descriptor lists) and tests/fuzz/seam_resources.hpp
//   node tests/seam_spec/make_samples.mjs --check    exit 1 when the committed files differ
//   [--modules DIR]                                  node_modules holding the pinned packages
//                                                    (default scripts/codegen/node_modules)
//
// What is generated. For every endpoint the blueprint documents (outside /seam/* and /unstable_*):
// its path, request documents (every documented request member filled; a oneOf body gives one
// document per variant) and response documents (the whole 200 body, `"ok": true`). Together the
// documents of one schema fill every documented member, take every union variant (oneOf) at least
// once, every nullable member once null, and every enum value at least once. Members the spec marks
// `x-undocumented` are left out, as the blueprint (and so the binding) leaves them out.
//
// How. A schema has a *width*: how many documents it takes to cover it. Objects take the widest of
// their members (document k uses option k mod width of each member), unions the sum of their
// variants, nullable values one more (the null), enums their value count, arrays 1 (one element
// per option of the item). Documents of a component schema (#/components/schemas/X) are written
// once, under "components"; anywhere else they appear as {"$sample": "X", "$index": k}, which
// the readers (the C++ test, tests/fuzz/make_corpus.py) replace with components.X[k].
//
// Values respect the schema: formats (uuid, date-time, email, uri), patterns, lengths, bounds,
// integer vs number (numbers always have a fraction, so they stay numbers after a round trip).
// Output is deterministic: values are derived from the JSON path and the document index.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const args = process.argv.slice(2)
const check = args.includes('--check')
const mi = args.indexOf('--modules')
const modules = mi >= 0 ? resolve(args[mi + 1]) : join(root, 'scripts', 'codegen', 'node_modules')

const pkgVersion = (name) => JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version
const types = await import(pathToFileURL(join(modules, '@seamapi/types/connect.js')).href)
const { createBlueprint, TypesModuleSchema } = await import(pathToFileURL(join(modules, '@seamapi/blueprint/index.js')).href)

// The blueprint reports on stderr what it leaves out; that is not this script's news.
const bp = await (async () => {
  const warn = console.warn
  console.warn = () => {}
  try {
    return await createBlueprint(TypesModuleSchema.parse(types), { omitUndocumented: true })
  } finally {
    console.warn = warn
  }
})()
const oa = types.openapi
const schemas = oa.components.schemas
const documentedEndpoints = bp.routes
  .flatMap((r) => r.endpoints)
  .filter((e) => !e.isUndocumented && !e.path.startsWith('/seam/') && !e.path.startsWith('/unstable_'))
  .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))

// ---- schema helpers ----

const refName = (s) => (s && typeof s.$ref === 'string' ? s.$ref.replace('#/components/schemas/', '') : null)
const documented = (p) => !(p && p['x-undocumented'])

// allOf merged into one object schema.
function flatten(s) {
  if (refName(s)) return flatten(schemas[refName(s)])
  if (!s || !s.allOf) return s
  const out = { type: 'object', properties: {}, required: [], nullable: s.nullable }
  for (const part of s.allOf) {
    const f = flatten(part)
    Object.assign(out.properties, f.properties ?? {})
    out.required.push(...(f.required ?? []))
  }
  Object.assign(out.properties, s.properties ?? {})
  out.required.push(...(s.required ?? []))
  return out
}

// What a schema is, for generation: one of
//   {kind: 'ref', name}  {kind: 'nullable', of}  {kind: 'union', variants}  {kind: 'enum', values}
//   {kind: 'object', props: [[key, schema]...]}  {kind: 'record', of}  {kind: 'array', of, min, max}
//   {kind: 'string'|'integer'|'number'|'boolean'|'any', s}
function classify(s0) {
  if (s0 === undefined || s0 === true || s0 === null) return { kind: 'any', s: {} }
  if (refName(s0)) return { kind: 'ref', name: refName(s0) }
  if (s0.nullable) {
    const { nullable, ...rest } = s0
    return { kind: 'nullable', of: rest }
  }
  const s = flatten(s0)
  if (s.oneOf || s.anyOf) {
    const variants = (s.oneOf ?? s.anyOf).map(flatten)
    // oneOf of string enums is one enum (the binding makes one enum of it).
    if (variants.every((v) => v.type === 'string' && Array.isArray(v.enum))) return { kind: 'enum', values: [...new Set(variants.flatMap((v) => v.enum))] }
    return { kind: 'union', variants }
  }
  if (Array.isArray(s.enum)) return { kind: 'enum', values: s.enum }
  switch (s.type) {
    case 'object':
      if (s.properties) return { kind: 'object', props: Object.entries(s.properties).filter(([, p]) => documented(p)), required: s.required ?? [] }
      if (s.additionalProperties === false) return { kind: 'object', props: [], required: [] }
      return { kind: 'record', of: s.additionalProperties === undefined || s.additionalProperties === true ? {} : s.additionalProperties }
    case 'array':
      return { kind: 'array', of: s.items ?? {}, min: s.minItems ?? 0, max: s.maxItems ?? Infinity }
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return { kind: s.type, s }
    default:
      if (s.properties) return { kind: 'object', props: Object.entries(s.properties).filter(([, p]) => documented(p)), required: s.required ?? [] }
      return { kind: 'any', s }
  }
}

// ---- widths ----

// Enums with more values than this count as width 1 in resources (their values cycle over the
// documents instead): a device document is ~20 kB, and device_type alone has 40 values. Request
// documents are small, so there every enum value gets its document (the filters of the list
// endpoints take the same enums).
const RESOURCE_ENUM_CAP = 16
// Requests: every value, except for the huge ones (time zones: ~400).
const REQUEST_ENUM_CAP = 128

const widthMemo = new Map()  // component name -> width
function componentWidth(name, stack) {
  if (widthMemo.has(name)) return widthMemo.get(name)
  if (stack.includes(name)) throw new Error(`make_samples: recursive schema ${name}`)
  if (!schemas[name]) throw new Error(`make_samples: no schema ${name}`)
  const w = width(schemas[name], RESOURCE_ENUM_CAP, [...stack, name])
  widthMemo.set(name, w)
  return w
}
// An array of enum values lists all of them (cheap); an array of objects takes its context's cap.
const itemCap = (item, cap) => (classify(item).kind === 'enum' ? Infinity : cap)

function width(s, cap, stack = []) {
  const c = classify(s)
  switch (c.kind) {
    case 'ref':
      return componentWidth(c.name, stack)
    case 'nullable':
      return width(c.of, cap, stack) + 1
    case 'union':
      return c.variants.reduce((n, v) => n + width(v, cap, stack), 0)
    case 'enum':
      return c.values.length <= cap ? c.values.length : 1
    case 'object':
      return c.props.reduce((n, [, p]) => Math.max(n, width(p, cap, stack)), 1)
    case 'array': {
      const w = width(c.of, itemCap(c.of, cap), stack)
      return Number.isFinite(c.max) ? Math.ceil(w / c.max) : 1
    }
    default:
      return 1
  }
}

// ---- values ----

// FNV-1a of a string: values derived from where they are, so a change in one place does not
// renumber the whole file.
function hash(str) {
  let h = 0x811c9dc5
  for (let i = 0; i < str.length; ++i) {
    h ^= str.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}
const hex = (n, len) => n.toString(16).padStart(len, '0').slice(-len)

function stringValue(s, path, k) {
  const h = hash(path + '#' + k)
  const last = path.split(/[.[\]]/).filter(Boolean).pop() ?? 'value'
  switch (s.format) {
    case 'uuid':
      return `${hex(h, 8)}-${hex(k, 4)}-4${hex(h >>> 4, 3)}-8${hex(h >>> 8, 3)}-${hex(hash(path), 8)}${hex(k, 4)}`
    case 'date-time':
      return `2025-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (h % 28)).padStart(2, '0')}T03:04:${String(h % 60).padStart(2, '0')}.${String(h % 1000).padStart(3, '0')}Z`
    case 'email':
      return `user${k}.${hex(h, 4)}@example.com`
    case 'uri':
      return `https://example.com/${last}/${k}`
  }
  let v
  switch (s.pattern) {
    case undefined:
      v = `${last} ${k} ${hex(h, 4)}`
      break
    case '^\\d+$':
      v = String(1000 + (h % 9000)) + String(k)
      break
    case '^([01]\\d|2[0-3]):([0-5]\\d):([0-5]\\d)$':
    case '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$':
      v = `${String(h % 24).padStart(2, '0')}:${String(h % 60).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}`
      break
    case '^[a-zA-Z_]\\w*$':
      v = `${last.replace(/\W/g, '_')}_${k}`
      break
    default:
      throw new Error(`make_samples: ${path}: no sample for pattern ${s.pattern}`)
  }
  const min = s.minLength ?? 0
  const max = s.maxLength ?? Infinity
  if (v.length > max) v = v.slice(0, max)
  if (v.length < min) v = v + (s.pattern === '^\\d+$' ? '0' : 'x').repeat(min - v.length)
  if (s.pattern && !new RegExp(s.pattern).test(v)) throw new Error(`make_samples: ${path}: sample ${v} does not match ${s.pattern}`)
  return v
}

function integerValue(s, k) {
  const lo = s.minimum === undefined ? 0 : s.exclusiveMinimum === true ? s.minimum + 1 : s.minimum
  const hi = s.maximum === undefined ? lo + 1000 : s.exclusiveMaximum === true ? s.maximum - 1 : s.maximum
  return lo + ((k * 7 + 3) % (hi - lo + 1))
}

// Always with a fraction: 2.0 would come back from a typed double as the integer 2 in JSON terms.
// Exactly representable (x.25, x.75), inside the bounds.
function numberValue(s, k) {
  const lo = s.minimum ?? 0
  const hi = s.maximum ?? lo + 1000
  const steps = Math.max(1, Math.floor(hi - lo - 0.75))
  return lo + (k % 2 ? 0.75 : 0.25) + ((k * 7) % steps)
}

// Value number k of schema s at JSON path `path` (cap: see RESOURCE_ENUM_CAP). Every k in
// [0, width) together cover the schema; a member takes the same k as its object, reduced modulo
// its own width, so that members that need fewer documents still vary.
function gen(s, k, cap, path) {
  const c = classify(s)
  switch (c.kind) {
    case 'ref':
      return { $sample: c.name, $index: k % componentWidth(c.name, []) }
    case 'nullable': {
      const w = width(c.of, cap)
      return k % (w + 1) === w ? null : gen(c.of, k % (w + 1), cap, path)
    }
    case 'union': {
      let i = k % width(s, cap)
      for (const v of c.variants) {
        const w = width(v, cap)
        if (i < w) return gen(v, i, cap, path)
        i -= w
      }
      throw new Error('unreachable')
    }
    case 'enum':
      return c.values[k % c.values.length]
    case 'object': {
      // Document 0 fills every member; the others leave out the optional members that do not
      // vary (document 0 covers them), so they are smaller and also check absence.
      const w = width(s, cap)
      const out = {}
      for (const [key, p] of c.props) {
        if (k % w > 0 && !c.required.includes(key) && width(p, cap) === 1) continue
        out[key] = gen(p, k % w, cap, `${path}.${key}`)
      }
      return out
    }
    case 'record': {
      const w = width(c.of, Infinity)
      const out = {}
      for (let i = 0; i < Math.max(w, 2); ++i) out[`key_${i}`] = gen(c.of, i % w, Infinity, `${path}.key_${i}`)
      return out
    }
    case 'array': {
      // One element per option of the item (every enum value too) in the first document, one
      // element in the others: coverage at the least size.
      const ic = itemCap(c.of, cap)
      const w = width(c.of, ic)
      const per = Number.isFinite(c.max) ? c.max : w
      const first = Number.isFinite(c.max) ? k * per : k === 0 ? 0 : k % w
      const n = Math.max(c.min, Number.isFinite(c.max) || k === 0 ? Math.min(per, w) : 1)
      const out = []
      for (let j = 0; j < n; ++j) out.push(gen(c.of, (first + j) % w, ic, `${path}[${j}]`))
      return out
    }
    case 'string':
      return stringValue(c.s, path, k)
    case 'integer':
      return integerValue(c.s, k)
    case 'number':
      return numberValue(c.s, k)
    case 'boolean':
      return k % 2 === 0
    case 'any':
      return { note: `any value ${k}`, n: k + 1, flag: true, list: [1, 'two', null] }
  }
  throw new Error(`make_samples: ${path}: unhandled schema kind ${c.kind}`)
}

function docs(s, cap, path) {
  const out = []
  for (let k = 0, w = width(s, cap); k < w; ++k) out.push(gen(s, k, cap, path))
  return out
}

// ---- components: every one an endpoint reaches, transitively ----

const components = new Map()
function collect(value) {
  if (Array.isArray(value)) value.forEach(collect)
  else if (value && typeof value === 'object') {
    if (typeof value.$sample === 'string') {
      if (!components.has(value.$sample)) {
        components.set(value.$sample, null)  // reserved: generation may recurse
        const d = docs(schemas[value.$sample], RESOURCE_ENUM_CAP, value.$sample)
        components.set(value.$sample, d)
        collect(d)
      }
    } else Object.values(value).forEach(collect)
  }
}

// ---- endpoints ----

// A 200 without a body (/workspaces/update) is `{"ok": true}` on the wire.
const responseSchema = (op) =>
  op.responses?.['200']?.content?.['application/json']?.schema ?? { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] }

const endpoints = []
for (const e of documentedEndpoints) {
  const op = oa.paths[e.path]?.post
  if (!op) throw new Error(`make_samples: ${e.path}: no POST operation in the spec`)
  const reqSchema = op.requestBody?.content?.['application/json']?.schema ?? { type: 'object', properties: {} }
  const resSchema = responseSchema(op)
  const requests = docs(reqSchema, REQUEST_ENUM_CAP, '$')
  // `ok` is true on every success body. A body whose only varying member is one resource
  // ({"action_attempt": ..., "ok": true}) is written once with {"$sample": X, "$each": true}: one
  // document per document of X.
  let responses = docs(resSchema, RESOURCE_ENUM_CAP, '$').map((d) => ({ ...d, ok: true }))
  const res = classify(resSchema)
  if (res.kind === 'object' && responses.length > 1) {
    const varying = res.props.filter(([, p]) => width(p, RESOURCE_ENUM_CAP) > 1)
    if (varying.length === 1 && classify(varying[0][1]).kind === 'ref') {
      const [key, p] = varying[0]
      responses = [{ ...gen(resSchema, 0, RESOURCE_ENUM_CAP, '$'), [key]: { $sample: classify(p).name, $each: true }, ok: true }]
    }
  }
  collect(requests)
  collect(responses)
  endpoints.push({ path: e.path, requests, responses })
}

// Every resource the blueprint knows (also those only undocumented endpoints return) and the action
// attempt: the fuzz target (tests/fuzz/fuzz_seam.cpp) decodes each, seeded from these documents.
const fuzzedResources = [...new Set([...bp.resources.map((r) => r.resourceType), 'action_attempt'])].filter((n) => n !== 'event').sort()
for (const name of fuzzedResources) collect({ $sample: name })

// ---- self-check: every document valid for its schema, every union variant taken ----

// Which variants of each oneOf (keyed by its array) some document took; filled by validate().
const taken = new Map()
// Which values of each enum (keyed by its values) some document took: reported, not required.
const enumValues = new Map()
function expandSample(v) {
  if (Array.isArray(v)) return v.map(expandSample)
  if (v && typeof v === 'object') {
    if (typeof v.$sample === 'string') return expandSample(components.get(v.$sample)[v.$index])
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expandSample(x)]))
  }
  return v
}
// Throws naming the JSON path when `v` does not satisfy `s` (the subset of JSON Schema the spec
// uses). `record` false: only test (a union tries its variants).
function validate(s, v, path, record = true) {
  const fail = (why) => {
    throw new Error(`make_samples: ${path}: ${why}: ${JSON.stringify(v)?.slice(0, 200)}`)
  }
  if (s === undefined || s === true) return
  if (refName(s)) return validate(schemas[refName(s)], v, path, record)
  if (v === null) return s.nullable ? undefined : fail('null for a non-nullable schema')
  const f = flatten(s)
  const variants = f.oneOf ?? f.anyOf
  if (variants) {
    const ok = variants.map((x) => {
      try {
        validate(x, v, path, false)
        return true
      } catch {
        return false
      }
    })
    if (!ok.includes(true)) fail('matches no variant')
    // A oneOf of string enums is one enum (see classify): its values are not variants to cover.
    const isEnum = variants.every((x) => flatten(x).type === 'string' && Array.isArray(flatten(x).enum))
    if (record && isEnum) {
      const all = [...new Set(variants.flatMap((x) => flatten(x).enum))]
      const key = all.join('\u0000')
      if (!enumValues.has(key)) enumValues.set(key, { all, hit: new Set() })
      enumValues.get(key).hit.add(v)
    }
    if (record && !isEnum) {
      if (!taken.has(variants)) taken.set(variants, { path, hit: new Set() })
      ok.forEach((b, i) => b && taken.get(variants).hit.add(i))
      variants.forEach((x, i) => ok[i] && validate(x, v, path, true))
    }
    return
  }
  if (Array.isArray(f.enum)) {
    if (!f.enum.includes(v)) fail('not one of the enum values')
    if (record) {
      const key = f.enum.join('\u0000')  // the same values anywhere are the same enum to cover
      if (!enumValues.has(key)) enumValues.set(key, { all: f.enum, hit: new Set() })
      enumValues.get(key).hit.add(v)
    }
    return
  }
  const type = f.type ?? (f.properties ? 'object' : undefined)
  switch (type) {
    case 'object': {
      if (typeof v !== 'object' || Array.isArray(v)) fail('not an object')
      const props = f.properties ?? {}
      for (const r of f.required ?? []) if (documented(props[r]) && !(r in v)) fail(`required member ${r} missing`)
      for (const [k, x] of Object.entries(v)) {
        if (k in props) validate(props[k], x, `${path}.${k}`, record)
        else if (f.properties && f.additionalProperties === undefined) fail(`member ${k} not in the schema`)
        else if (f.additionalProperties === false) fail(`member ${k} not allowed`)
        else validate(f.additionalProperties, x, `${path}.${k}`, record)
      }
      return
    }
    case 'array':
      if (!Array.isArray(v)) fail('not an array')
      if (v.length < (f.minItems ?? 0) || v.length > (f.maxItems ?? Infinity)) fail('item count out of bounds')
      v.forEach((x, i) => validate(f.items, x, `${path}[${i}]`, record))
      return
    case 'string':
      if (typeof v !== 'string') fail('not a string')
      if (f.format === 'uuid' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v)) fail('not a uuid')
      if (f.format === 'date-time' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v)) fail('not a date-time')
      if (f.format === 'email' && !/^[^@\s]+@[^@\s]+\.[a-z]+$/.test(v)) fail('not an email')
      if (f.format === 'uri' && !/^https:\/\//.test(v)) fail('not a uri')
      if (f.pattern && !new RegExp(f.pattern).test(v)) fail('does not match the pattern')
      if (v.length < (f.minLength ?? 0) || v.length > (f.maxLength ?? Infinity)) fail('length out of bounds')
      return
    case 'integer':
    case 'number':
      if (typeof v !== 'number' || (type === 'integer' && !Number.isInteger(v))) fail(`not a ${type}`)
      if (type === 'number' && Number.isInteger(v)) fail('a number without a fraction (would read back as an integer)')
      if (v < (f.minimum ?? -Infinity) || v > (f.maximum ?? Infinity)) fail('out of bounds')
      if (f.exclusiveMinimum === true && v === f.minimum) fail('not above the exclusive minimum')
      return
    case 'boolean':
      if (typeof v !== 'boolean') fail('not a boolean')
      return
  }
}

for (const [name, d] of components) d.forEach((x, i) => validate(schemas[name], expandSample(x), `${name}[${i}]`))
for (const e of endpoints) {
  const op = oa.paths[e.path].post
  const reqSchema = op.requestBody?.content?.['application/json']?.schema ?? { type: 'object', properties: {} }
  const resSchema = responseSchema(op)
  e.requests.forEach((x, i) => validate(reqSchema, x, `${e.path} request[${i}]`))
  e.responses.forEach((x, i) => {
    const expanded = Object.entries(x).find(([, m]) => m && m.$each)
    const all = expanded ? components.get(expanded[1].$sample).map((_, j) => ({ ...x, [expanded[0]]: { $sample: expanded[1].$sample, $index: j } })) : [x]
    all.forEach((y) => validate(resSchema, expandSample(y), `${e.path} response[${i}]`))
  })
}
for (const { path, hit } of taken.values()) {
  const oneOf = [...taken.keys()].find((k) => taken.get(k).hit === hit)
  const missing = oneOf.map((_, i) => i).filter((i) => !hit.has(i))
  if (missing.length) throw new Error(`make_samples: ${path}: union variants ${missing.join(', ')} of ${oneOf.length} in no document`)
}

// ---- output ----

const sortedComponents = [...components.keys()].sort()
const lines = []
lines.push('{')
lines.push(`"generated_by": ${JSON.stringify(`tests/seam_spec/make_samples.mjs from @seamapi/types ${pkgVersion('@seamapi/types')} and @seamapi/blueprint ${pkgVersion('@seamapi/blueprint')}; do not edit`)},`)
lines.push('"components": {')
sortedComponents.forEach((name, i) => {
  lines.push(`${JSON.stringify(name)}: [`)
  const d = components.get(name)
  d.forEach((x, j) => lines.push(JSON.stringify(x) + (j + 1 < d.length ? ',' : '')))
  lines.push(']' + (i + 1 < sortedComponents.length ? ',' : ''))
})
lines.push('},')
lines.push('"endpoints": [')
endpoints.forEach((e, i) => lines.push(JSON.stringify(e) + (i + 1 < endpoints.length ? ',' : '')))
lines.push(']')
lines.push('}')
const samples = lines.join('\n') + '\n'

// The test's descriptor lists: endpoints grouped by top-level route namespace into a few
// translation units of similar size (compile time grows with the endpoints a TU instantiates).
const GROUPS = 4
const cppKeywords = new Set(['and', 'and_eq', 'asm', 'auto', 'bitand', 'bitor', 'bool', 'break', 'case', 'catch', 'char', 'class', 'compl', 'concept', 'const', 'consteval', 'constexpr', 'constinit', 'const_cast', 'continue', 'co_await', 'co_return', 'co_yield', 'decltype', 'default', 'delete', 'do', 'double', 'dynamic_cast', 'else', 'enum', 'explicit', 'export', 'extern', 'false', 'float', 'for', 'friend', 'goto', 'if', 'inline', 'int', 'long', 'mutable', 'namespace', 'new', 'noexcept', 'not', 'not_eq', 'nullptr', 'operator', 'or', 'or_eq', 'private', 'protected', 'public', 'register', 'reinterpret_cast', 'requires', 'return', 'short', 'signed', 'sizeof', 'static', 'static_assert', 'static_cast', 'struct', 'switch', 'template', 'this', 'thread_local', 'throw', 'true', 'try', 'typedef', 'typeid', 'typename', 'union', 'unsigned', 'using', 'virtual', 'void', 'volatile', 'wchar_t', 'while', 'xor', 'xor_eq'])
const cppName = (segment) => (cppKeywords.has(segment) ? segment + '_' : segment)
const byNamespace = new Map()
for (const e of endpoints) {
  const top = e.path.split('/')[1]
  if (!byNamespace.has(top)) byNamespace.set(top, [])
  byNamespace.get(top).push(e.path)
}
// Greedy: largest namespace first into the smallest group; a group keeps its namespaces sorted.
const groups = Array.from({ length: GROUPS }, () => ({ namespaces: [], count: 0 }))
for (const [ns, paths] of [...byNamespace].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
  const g = groups.reduce((best, x) => (x.count < best.count ? x : best))
  g.namespaces.push(ns)
  g.count += paths.length
}
const groupFiles = new Map()
groups.forEach((g, i) => {
  g.namespaces.sort()
  const paths = g.namespaces.flatMap((ns) => byNamespace.get(ns))
  const descriptors = paths.map((p) => 'apibind::seam::' + p.split('/').filter(Boolean).map(cppName).join('::'))
  const text = [
    '// Generated by tests/seam_spec/make_samples.mjs; do not edit.',
    `// The endpoint descriptors test_seam_spec_${i + 1}.cpp checks against the spec samples: /${g.namespaces.join('/*, /')}/* (${paths.length}).`,
    `#ifndef APIBIND_TESTS_SEAM_SPEC_GROUP_${i + 1}_HPP`,
    `#define APIBIND_TESTS_SEAM_SPEC_GROUP_${i + 1}_HPP`,
    '',
    ...g.namespaces.map((ns) => `#include <apibind/seam/${ns}.hpp>`),
    '',
    '#include <boost/mp11/list.hpp>',
    '',
    'namespace apibind_test::seam_spec {',
    '',
    '// Deprecated endpoints are checked too: naming them here is on purpose.',
    '#if defined(__GNUC__)',
    '#pragma GCC diagnostic push',
    '#pragma GCC diagnostic ignored "-Wdeprecated-declarations"',
    '#endif',
    `using group_${i + 1} = boost::mp11::mp_list<`,
    descriptors.map((d) => '    ' + d).join(',\n') + '>;',
    '#if defined(__GNUC__)',
    '#pragma GCC diagnostic pop',
    '#endif',
    '',
    '}  // namespace apibind_test::seam_spec',
    '',
    '#endif',
    '',
  ].join('\n')
  groupFiles.set(`group_${i + 1}.hpp`, text)
})

const fuzzHeader = [
  '// Generated by tests/seam_spec/make_samples.mjs; do not edit.',
  '// The generated Seam resource types fuzz_seam.cpp decodes (selector 10 + index in this list), seeded',
  '// by make_corpus.py from the spec samples (tests/data/seam/spec_samples.json) of the same names.',
  '#ifndef APIBIND_FUZZ_SEAM_RESOURCES_HPP',
  '#define APIBIND_FUZZ_SEAM_RESOURCES_HPP',
  '',
  '#include <apibind/seam.hpp>',
  '',
  '#include <boost/mp11/list.hpp>',
  '',
  'namespace apibind_fuzz {',
  '',
  'using seam_resources = boost::mp11::mp_list<',
  fuzzedResources.map((n) => `    apibind::seam::${n}`).join(',\n') + '>;',
  '',
  '}  // namespace apibind_fuzz',
  '',
  '#endif',
  '',
].join('\n')

// ---- write or check ----

const samplesPath = join(root, 'tests', 'data', 'seam', 'spec_samples.json')
const groupDir = join(root, 'tests', 'unit', 'seam_spec')
const wanted = new Map([[samplesPath, samples], [join(root, 'tests', 'fuzz', 'seam_resources.hpp'), fuzzHeader], ...[...groupFiles].map(([f, t]) => [join(groupDir, f), t])])
const read = (p) => {
  try {
    return readFileSync(p, 'utf8')
  } catch {
    return null
  }
}
const stale = (() => {
  try {
    return readdirSync(groupDir).filter((f) => /^group_\d+\.hpp$/.test(f) && !groupFiles.has(f)).map((f) => join(groupDir, f))
  } catch {
    return []
  }
})()

const multi = [...enumValues.values()].filter((e) => e.all.length > 1)
if (process.env.MAKE_SAMPLES_VERBOSE) for (const e of multi) if (e.hit.size < e.all.length) console.error(`enum ${e.all.slice(0, 3).join(", ")}...: ${e.hit.size} of ${e.all.length}`)
const enumStats = `enums: ${multi.reduce((n, e) => n + e.hit.size, 0)} of ${multi.reduce((n, e) => n + e.all.length, 0)} values in some document, ${multi.filter((e) => e.hit.size === e.all.length).length} of ${multi.length} enums complete`
const counts = `${enumStats}; ${endpoints.length} endpoints, ${endpoints.reduce((n, e) => n + e.requests.length, 0)} request and ${endpoints.reduce((n, e) => n + e.responses.length, 0)} response documents, ${sortedComponents.length} components with ${sortedComponents.reduce((n, c) => n + components.get(c).length, 0)} documents, ${samples.length} bytes`
if (check) {
  const differ = [...wanted].filter(([p, t]) => read(p) !== t).map(([p]) => p)
  differ.push(...stale)
  if (differ.length) {
    console.error(`make_samples: out of date (run node tests/seam_spec/make_samples.mjs):\n  ${differ.map((p) => p.slice(root.length + 1)).join('\n  ')}`)
    process.exit(1)
  }
  console.log(`make_samples: up to date (${counts})`)
} else {
  mkdirSync(groupDir, { recursive: true })
  for (const [p, t] of wanted) if (read(p) !== t) writeFileSync(p, t)
  for (const p of stale) unlinkSync(p)
  console.log(`make_samples: wrote ${counts}`)
}
