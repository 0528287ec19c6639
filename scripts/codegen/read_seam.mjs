// The Seam reader: the Seam Connect spec (@seamapi/types' OpenAPI, read through @seamapi/blueprint)
// -> the generator's intermediate model (IR, see docs/codegen.md). Everything Seam-specific lives
// here; write_cpp.mjs only sees the IR.
//
// The blueprint says which endpoints are documented and gives their facts (response key, resource
// type, action attempt, pagination, deprecation, preferred method). Member types come from the raw
// OpenAPI schemas, because the blueprint drops nullability, required-ness and integer vs number.
import { createBlueprint, TypesModuleSchema } from '@seamapi/blueprint'
import * as types from '@seamapi/types/connect'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// The installed versions (the packages do not export their package.json).
const packageVersion = (name) => JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'node_modules', name, 'package.json'), 'utf8')).version

// Which endpoints the binding covers: documented, outside /seam/* and /unstable_*.
const included = (e) => !e.isUndocumented && !e.path.startsWith('/seam/') && !e.path.startsWith('/unstable_')

export async function readSeam({ overridesPath, verbose = false }) {
  const typesVersion = packageVersion('@seamapi/types')
  const blueprintVersion = packageVersion('@seamapi/blueprint')
  // The blueprint warns on stderr about spec corners outside the binding (/seam/* routes,
  // untyped properties it leaves out); keep them for --verbose only.
  const warn = console.warn
  const notes = []
  console.warn = (...a) => notes.push(a.join(' '))
  let bp
  try {
    bp = await createBlueprint(TypesModuleSchema.parse(types), { omitUndocumented: true })
  } finally {
    console.warn = warn
  }
  if (verbose) for (const n of notes) console.warn(`blueprint: ${n}`)
  const oa = types.openapi
  const schemas = oa.components.schemas
  const overrides = JSON.parse(readFileSync(overridesPath, 'utf8'))

  const ir = {
    api: {
      name: 'Seam Connect',
      source: `@seamapi/types ${typesVersion} (through @seamapi/blueprint ${blueprintVersion})`,
      namespace: 'apibind::seam',
      include_prefix: 'apibind/seam',
      guard_prefix: 'APIBIND_SEAM',
      policy: 'apibind::seam::policy',
      policy_header: 'apibind/seam/policy.hpp',
      options: 'apibind::seam::options',
      umbrella: 'apibind/seam.hpp',
      endpoint_list: 'endpoints.hpp',
      umbrella_extra: ['apibind/seam/action_attempts_wait.hpp', 'apibind/seam/auth.hpp', 'apibind/seam/errors.hpp', 'apibind/seam/policy.hpp'],
      output: 'include/apibind/seam',
    },
    headers: [],  // {file, description}
    types: [],  // structs, enums, unions, aliases (see docs/codegen.md)
    endpoints: [],
  }

  const typeByName = new Map()  // qualified name -> IR type
  const headerOf = new Map()  // file -> header entry
  const enumsByValues = new Map()  // header file + values -> qualified enum name
  const unionsByShape = new Map()
  const structsByShape = new Map()  // header file (or 'resource') + member shape -> qualified struct name
  const endpointHeaders = new Set(bp.routes.flatMap((r) => r.endpoints).filter(included).map((e) => `${e.path.split('/')[1]}.hpp`))
  const overridden = new Set()

  function addHeader(file, description) {
    if (!headerOf.has(file)) {
      const h = { file, description }
      headerOf.set(file, h)
      ir.headers.push(h)
    }
    return file
  }
  function qualified(ns, name) {
    return [...ns, name].join('::')
  }
  function uniqueName(ns, name) {
    let n = name
    for (let i = 2; typeByName.has(qualified(ns, n)); ++i) n = `${name}_${i}`
    return n
  }
  function addType(t) {
    const q = qualified(t.ns, t.name)
    if (typeByName.has(q)) throw new Error(`reader: type ${q} defined twice`)
    typeByName.set(q, t)
    ir.types.push(t)
    return q
  }

  // ---- schema -> IR type reference ----

  const oneLine = (s) => (s ?? '').replace(/\s+/g, ' ').trim()
  const deref = (s) => {
    if (s && s.$ref) {
      const name = s.$ref.replace('#/components/schemas/', '')
      return { ...schemas[name], __ref: name }
    }
    return s
  }

  // A property is left out when the spec marks it undocumented (as the blueprint does).
  const documented = (p) => !p['x-undocumented']

  // Flattens allOf into one object schema (properties merged, required concatenated).
  function flatten(s) {
    s = deref(s)
    if (!s.allOf) return s
    const out = { type: 'object', properties: {}, required: [], description: s.description }
    for (const part of s.allOf) {
      const f = flatten(part)
      Object.assign(out.properties, f.properties ?? {})
      out.required.push(...(f.required ?? []))
    }
    for (const [k, v] of Object.entries(s.properties ?? {})) out.properties[k] = v
    out.required.push(...(s.required ?? []))
    return out
  }

  const singular = (n) => (n.endsWith('ies') ? n.slice(0, -3) + 'y' : n.endsWith('ses') ? n.slice(0, -2) : n.endsWith('s') && !n.endsWith('ss') ? n.slice(0, -1) : n)

  // Literal (single-value enum, or boolean enum) of a property, if it is one.
  function literalOf(p) {
    p = deref(p)
    if (p && Array.isArray(p.enum) && p.enum.length === 1) return p.enum[0]
    return undefined
  }

  // Finds the discriminator of a oneOf of objects: the declared one, else one key (then two keys)
  // that is a literal in every variant with distinct values (combinations).
  function discriminatorOf(s, variants) {
    if (s.discriminator?.propertyName) return [s.discriminator.propertyName]
    const candidates = Object.keys(variants[0].properties ?? {}).filter((k) => variants.every((v) => literalOf(v.properties?.[k]) !== undefined))
    const distinct = (keys) => new Set(variants.map((v) => keys.map((k) => String(literalOf(v.properties[k]))).join('\u0000'))).size === variants.length
    for (const k of candidates) if (distinct([k])) return [k]
    for (let i = 0; i < candidates.length; ++i)
      for (let j = i + 1; j < candidates.length; ++j) if (distinct([candidates[i], candidates[j]])) return [candidates[i], candidates[j]]
    return null
  }

  // Enum: reuses an identical enum already defined in the same header.
  function enumType(values, ns, name, header, description) {
    const key = header + '|' + values.join('\u0000')
    const resourceKey = 'resource|' + values.join('\u0000')
    if (enumsByValues.has(key)) return enumsByValues.get(key)
    if (reusesResources(header) && enumsByValues.has(resourceKey)) return enumsByValues.get(resourceKey)
    const n = uniqueName(ns, name)
    const q = addType({ kind: 'enum', ns, name: n, header, description: oneLine(description), values: values.map((v) => ({ wire: v })) })
    enumsByValues.set(key, q)
    if (!reusesResources(header) && !enumsByValues.has(resourceKey)) enumsByValues.set(resourceKey, q)
    return q
  }

  // Converts a schema to an IR type. ctx: {ns, name (for nested types), header, resourceRefs}.
  function typeOf(s, ctx) {
    const raw = s
    if (raw.$ref) {
      const name = raw.$ref.replace('#/components/schemas/', '')
      return { kind: 'ref', name: resourceTypeName(name) }
    }
    if (s.allOf) s = flatten(s)
    if (s.oneOf) return oneOfType(s, ctx)
    if (s.enum) {
      if (s.type === 'boolean') return { kind: 'bool' }
      return { kind: 'enum', name: enumType(s.enum, ctx.ns, ctx.name, ctx.header, s.description) }
    }
    switch (s.type) {
      case 'string':
        return s.format === 'date-time' ? { kind: 'date_time' } : { kind: 'string' }
      case 'integer':
        return { kind: 'integer' }
      case 'number':
        return { kind: 'number' }
      case 'boolean':
        return { kind: 'bool' }
      case 'array':
        return { kind: 'list', of: typeOf(s.items ?? {}, { ...ctx, name: singular(ctx.name) }) }
      case 'object':
        if (!s.properties && s.additionalProperties !== undefined) return { kind: 'record', of: recordValue(s.additionalProperties, ctx) }
        if (!s.properties) return { kind: 'record', of: { kind: 'any' } }
        return { kind: 'ref', name: structType(s, ctx) }
      default:
        return { kind: 'any' }
    }
  }

  function recordValue(ap, ctx) {
    if (ap === true || ap === false || !ap || Object.keys(ap).length === 0) return { kind: 'any' }
    const a = deref(ap)
    // Values the spec gives as one scalar type stay typed; unions of scalars (string | boolean
    // custom_metadata) take any JSON value: the fake sends numbers too.
    if (a.oneOf || a.anyOf) return { kind: 'any' }
    return typeOf(a, { ...ctx, name: ctx.name + '_value' })
  }

  function oneOfType(s, ctx) {
    const variants = s.oneOf.map(flatten)
    if (variants.every((v) => v.type === 'string' && v.enum)) {
      const values = [...new Set(variants.flatMap((v) => v.enum))]
      return { kind: 'enum', name: enumType(values, ctx.ns, ctx.name, ctx.header, s.description) }
    }
    if (!variants.every((v) => v.type === 'object' && v.properties)) return { kind: 'any' }
    const keys = discriminatorOf(s, variants)
    // Variants with the same members, no declared discriminator and one string key that is not an
    // `*_code` (action attempts' error {type, message}) are one struct with a string tag, as the
    // official SDKs read them. Boolean and multi-key discriminators always make a union.
    const sameMembers = variants.every((v) => Object.keys(v.properties).sort().join() === Object.keys(variants[0].properties).sort().join())
    const stringKey = keys?.length === 1 && typeof literalOf(variants[0].properties[keys[0]]) === 'string'
    if (!keys || (sameMembers && !s.discriminator && stringKey && !keys[0].endsWith('_code'))) {
      return { kind: 'ref', name: structType(mergeVariants(variants, keys ?? []), ctx) }
    }
    const alternatives = variants.map((v) => {
      const tag = keys.map((k) => literalOf(v.properties[k]))
      const base = tag.map((t) => lowerIdentifier(String(t))).join('_')
      const altNs = ctx.alternativeNs ?? ctx.ns
      const altName = ctx.alternativeNs ? base : `${ctx.name}_${base}`
      return structType(v, { ...ctx, ns: altNs, name: altName, tagKeys: keys, alternativeNs: undefined })
    })
    const ushape = ctx.header + '|' + JSON.stringify([keys, alternatives])
    if (unionsByShape.has(ushape)) return { kind: 'ref', name: unionsByShape.get(ushape) }
    const name = uniqueName(ctx.ns, ctx.name)
    unionsByShape.set(ushape, qualified(ctx.ns, name))
    return { kind: 'ref', name: addType({ kind: 'union', ns: ctx.ns, name, header: ctx.header, description: oneLine(s.description), keys, alternatives }) }
  }

  // oneOf variants merged into one struct: a member is required only when every variant requires it.
  function mergeVariants(variants, tagKeys) {
    const properties = {}
    for (const v of variants)
      for (const [k, p] of Object.entries(v.properties))
        if (!(k in properties)) properties[k] = tagKeys.includes(k) ? { ...deref(p), enum: undefined, description: (deref(p).description ?? '') + ' One of: ' + [...new Set(variants.map((x) => literalOf(x.properties[k])))].join(', ') + '.' } : mergedProperty(variants, k, p)
    const required = Object.keys(properties).filter((k) => variants.every((v) => (v.required ?? []).includes(k)))
    return { type: 'object', properties, required, description: variants[0].description, __alternatives: variants }
  }

  // A member as the merged struct has it: a string enum that differs between the variants takes
  // every variant's values (set_hvac_mode's hvac_mode_setting is "off" in one form, "cool" in
  // another: the member takes all five), else the first variant's schema.
  function mergedProperty(variants, k, p) {
    const schemas = variants.filter((v) => k in v.properties).map((v) => deref(v.properties[k]))
    const enums = schemas.every((x) => x.type === 'string' && Array.isArray(x.enum))
    if (!enums || schemas.every((x) => x.enum.join('\u0000') === schemas[0].enum.join('\u0000'))) return p
    return { ...schemas[0], enum: [...new Set(schemas.flatMap((x) => x.enum))] }
  }

  // The forms of a oneOf request body told apart by one member's value (thermostats/set_hvac_mode's
  // hvac_mode_setting): a string enum in every variant, no value in two variants, its absence
  // allowed by one variant at most. Each form: the key's values, whether it is also the form
  // without the key, and the members it takes that not every variant takes. Null if no member
  // tells the forms apart so.
  function requestChoice(variants) {
    const props = (v) => Object.keys(v.properties ?? {}).filter((k) => documented(v.properties[k]))
    const enumOf = (v, k) => {
      const p = v.properties?.[k] && deref(v.properties[k])
      return p && p.type === 'string' && Array.isArray(p.enum) ? p.enum : null
    }
    const common = props(variants[0]).filter((k) => variants.every((v) => props(v).includes(k)))
    const key = common.find((k) => {
      if (!variants.every((v) => enumOf(v, k))) return false
      const all = variants.flatMap((v) => enumOf(v, k))
      return new Set(all).size === all.length && variants.filter((v) => !(v.required ?? []).includes(k)).length <= 1
    })
    if (!key) return null
    return {
      key: identifier(key),
      forms: variants.map((v) => ({
        values: enumOf(v, key),
        when_absent: !(v.required ?? []).includes(key),
        members: props(v).filter((k) => !common.includes(k)).map(identifier),
      })),
    }
  }

  // The forms of a oneOf request body as groups of members, exactly one of which the caller gives
  // (connected_accounts/get: [["connected_account_id"], ["email"]]): each variant's required members
  // less those every variant requires. Only when presence alone tells the forms apart: every group
  // non-empty, and no variant allows a member of another's group. Forms told apart by a member's
  // value (thermostats/set_hvac_mode's hvac_mode_setting) give null: the merged struct's required
  // members are all that is checked.
  function requestForms(variants) {
    const req = variants.map((v) => (v.required ?? []).filter((k) => documented(v.properties?.[k] ?? {})))
    const groups = req.map((r) => r.filter((k) => !req.every((o) => o.includes(k))))
    if (groups.some((g) => g.length === 0)) return null
    for (let i = 0; i < variants.length; ++i)
      for (let j = 0; j < variants.length; ++j)
        if (i !== j && groups[j].some((k) => k in (variants[i].properties ?? {}))) return null
    return groups.map((g) => g.map(identifier))
  }

  function structType(s, ctx) {
    const ns = ctx.ns
    const name = uniqueName(ns, ctx.name)
    const t = { kind: 'struct', ns, name, header: ctx.header, description: oneLine(s.description), members: [] }
    const q = qualified(ns, name)
    typeByName.set(q, t)  // reserve the name before nested types take theirs
    const required = new Set(s.required ?? [])
    if (s.__alternatives) {
      t.alternatives = s.__alternatives.map((v) => Object.keys(v.properties).filter((k) => (v.required ?? []).includes(k)))
    }
    for (const [wire, p0] of Object.entries(s.properties ?? {})) {
      // The property's own mark, not that of the schema it refers to: a documented member whose
      // type is an undocumented resource (/customers/create_portal's required `magic_link`) stays,
      // as the blueprint keeps it (batch's `customization_profiles`).
      if (!documented(p0)) continue
      const p = deref(p0)
      const m = {
        name: identifier(wire),
        wire,
        description: oneLine(p.description),
        required: required.has(wire),
        nullable: !!p.nullable,
      }
      if (p['x-deprecated']) m.deprecated = oneLine(typeof p['x-deprecated'] === 'string' ? p['x-deprecated'] : '')
      if (ctx.tagKeys?.includes(wire) && literalOf(p) !== undefined) {
        const v = literalOf(p)
        m.type = typeof v === 'boolean' ? { kind: 'bool_literal', value: v } : { kind: 'literal', value: String(v) }
        m.required = true
      } else {
        m.type = typeOf(p0, { ...ctx, ns, name: `${name}_${wire}`, tagKeys: undefined, alternativeNs: undefined, own: false })
      }
      const o = overrides.members?.find((x) => x.struct === q && x.member === wire)
      if (o) {
        if (o.nullable) m.nullable = true  // null where the spec allows none
        else m.defaulted = true  // absent where the spec requires it
        m.override = o.evidence
        overridden.add(`${q}.${wire}`)
      }
      t.members.push(m)
    }
    // The same struct again (same members, same types): reuse the first one, in this header or,
    // from a route, event or action-attempt header, in a resource header. Fewer types compile faster.
    const shape = structShape(t)
    // An endpoint's own request and response keep their names (<endpoint>_request, _response).
    const same = ctx.own ? undefined : structsByShape.get(t.header + '|' + shape) ?? (reusesResources(t.header) ? structsByShape.get('resource|' + shape) : undefined)
    if (same) {
      typeByName.delete(q)
      return same
    }
    if (ctx.own) {
      ir.types.push(t)
      return q
    }
    structsByShape.set(t.header + '|' + shape, q)
    // Only a resource itself is shared across headers (a nested struct's name would mislead there).
    if (t.ns.length === 0 && schemas[name] && !reusesResources(t.header) && !structsByShape.has('resource|' + shape)) structsByShape.set('resource|' + shape, q)
    ir.types.push(t)
    return q
  }
  function structShape(t) {
    return JSON.stringify([t.alternatives ?? null, t.members.map((m) => [m.wire, m.type, m.required, m.nullable, !!m.defaulted])])
  }
  // Headers whose types may be resources (they include resource headers anyway).
  const reusesResources = (header) => header === 'events.hpp' || header === 'action_attempt.hpp' || endpointHeaders.has(header)

  // ---- resources ----

  // A resource whose natural header name is taken by a hand-written header (webhook.hpp is the
  // webhook verifier) gets `<name>_resource.hpp`.
  const HAND_WRITTEN = new Set(['webhook.hpp', 'auth.hpp', 'errors.hpp', 'policy.hpp', 'action_attempts_wait.hpp'])
  const resourceHeader = (name) => (name === 'event' ? 'events.hpp' : HAND_WRITTEN.has(`${name}.hpp`) ? `${name}_resource.hpp` : `${name}.hpp`)
  const resourceDone = new Set()
  function resourceTypeName(name) {
    if (!resourceDone.has(name)) {
      resourceDone.add(name)
      buildResource(name)
    }
    return name === 'event' ? 'event' : name
  }
  function buildResource(name) {
    const s = schemas[name]
    if (!s) throw new Error(`reader: no schema for resource ${name}`)
    const header = addHeader(resourceHeader(name), oneLine(s.description))
    const ctx = { ns: [], name, header }
    if (name === 'event') {
      // Events: one alternative per event_type, in namespace events (events::connected_account_connected).
      typeOf(s, { ...ctx, alternativeNs: ['events'] })
    } else if (name === 'action_attempt') {
      typeOf(s, { ...ctx, alternativeNs: ['action_attempts'] })
    } else {
      typeOf(s, ctx)
    }
    // The header's own type (shareTypes never moves it out of its header).
    const own = typeByName.get(name)
    if (own?.header === header) own.resource = true
  }

  for (const r of bp.resources) resourceTypeName(r.resourceType)
  resourceTypeName('event')
  resourceTypeName('action_attempt')
  resourceTypeName('pagination')

  // ---- endpoints ----

  const endpoints = bp.routes.flatMap((r) => r.endpoints).filter(included)
  for (const e of endpoints) {
    const segments = e.path.split('/').filter(Boolean)
    const routeNs = segments.slice(0, -1)
    const epName = identifier(segments[segments.length - 1])
    const header = addHeader(`${routeNs[0]}.hpp`, `the /${routeNs[0]}/* routes`)
    const op = oa.paths[e.path].post
    const ctx = { ns: routeNs, header }

    // Request: the POST body (a oneOf body becomes one struct, see mergeVariants).
    const body = op.requestBody?.content?.['application/json']?.schema ?? { type: 'object', properties: {} }
    let reqSchema = flatten(body)
    let oneOf = null
    let choice = null
    if (reqSchema.oneOf) {
      oneOf = requestForms(reqSchema.oneOf.map(flatten))
      if (!oneOf) choice = requestChoice(reqSchema.oneOf.map(flatten))
      reqSchema = mergeVariants(reqSchema.oneOf.map(flatten), [])
    }
    const request = structType({ ...reqSchema, description: `The request body of ${e.path}.` }, { ...ctx, name: `${epName}_request`, own: true })

    // Response: the whole 200 body. `ok` is always true on success; kept optional so the
    // envelope round-trips and an empty body still decodes.
    const resSchema = flatten(op.responses?.['200']?.content?.['application/json']?.schema ?? { type: 'object', properties: {} })
    const response = structType({ ...resSchema, description: `The response body of ${e.path}.` }, { ...ctx, name: `${epName}_response`, own: true })
    const rt = typeByName.get(response)
    for (const m of rt.members) if (m.wire === 'ok') m.required = false
    if (!rt.members.some((m) => m.wire === 'ok')) rt.members.push({ name: 'ok', wire: 'ok', description: 'Always true on success.', required: false, nullable: false, type: { kind: 'bool' } })

    const responseKey = e.response.responseType === 'void' ? '' : e.response.responseKey
    ir.endpoints.push({
      path: e.path,
      ns: routeNs,
      name: epName,
      header,
      description: oneLine(e.description),
      request,
      response,
      response_key: responseKey ?? '',
      // The oneOf body's forms, told apart by which members are given (see requestForms), or null.
      one_of: oneOf,
      // The oneOf body's forms, told apart by one member's value (see requestChoice), or null.
      chosen_by: choice,
      response_type: e.response.responseType,
      resource_type: e.response.resourceType ?? null,
      paginated: !!e.hasPagination,
      action_attempt: e.response.actionAttemptType ?? null,
      deprecated: e.isDeprecated ? oneLine(e.deprecationMessage) || 'deprecated' : null,
      // After a failure that may have reached the server, retry what a repeat cannot turn into
      // something else: reads, and updates that set absolute values (PUT, PATCH). Not DELETE (a
      // repeat of a delete that went through answers not-found: success turned into an error), not
      // POST (creates, actions, state transitions). docs/seam.md, Retries.
      retry_safe: ['GET', 'PUT', 'PATCH'].includes(e.request.semanticMethod),
      method: 'POST',
    })
  }

  for (const o of overrides.members ?? [])
    if (!overridden.has(`${o.struct}.${o.member}`)) throw new Error(`reader: override ${o.struct}.${o.member} matches no generated member`)

  ir.headers.sort((a, b) => a.file.localeCompare(b.file))
  return ir
}

// A wire name as a C++ identifier (the writer adds `_` to keywords).
export function identifier(s) {
  let n = s
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_')
  if (n === '') n = 'value'
  if (/^[0-9]/.test(n)) n = '_' + n
  return n
}

// A tag or enum value as a C++ type or enumerator name: lower snake_case (UNLOCK_DOOR -> unlock_door).
export function lowerIdentifier(s) {
  return identifier(s).toLowerCase()
}
