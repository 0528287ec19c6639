// An IR pass between the reader and the writer: one definition per distinct type across headers.
// It knows nothing of any particular API.
//
// A reader shares identical types within a header; specs also repeat whole structures across
// resources (Seam's unmanaged_device is device's shape again, its errors and warnings included).
// Each repeated type costs its own class and std::optional / union instantiations at every
// compile, so this pass keeps the first definition and turns each later identical type (same
// members, wire names, types, required-ness, nullability, deprecation, recursively; same enum
// values; same union keys and alternatives) into an IR `alias` of it: the generated header says
// `using unmanaged_device_error = seam::device_error;` and includes the header defining it. Every
// name the reader gave still exists, and names the same C++ type as before wherever the two were
// identical.
//
// Where the one definition lives: a header's own type (IR `resource: true`, e.g. seam::user_identity)
// stays in its header and the copies alias it; else, when one of the headers defining the type is
// included by all the others, there; else in a header of its own under `dir` (e.g. shared/), which
// includes no other generated header but those of the shared types it names (a type moves there
// only with every type it names).
// A sharing that would make two headers include each other is skipped (the type stays a copy).
// Never shared: an endpoint's own request and response, and two resources (distinct types).

const qualified = (t) => [...t.ns, t.name].join('::')

export function shareTypes(ir, { dir }) {
  const byQ = new Map(ir.types.map((t) => [qualified(t), t]))
  const own = new Set(ir.endpoints.flatMap((e) => [e.request, e.response]))

  // ---- canonical keys: equal keys, interchangeable types ----
  const keyOf = new Map()
  function typeKey(ty) {
    if (ty.kind === 'ref' || ty.kind === 'enum') return `ref(${canonical(ty.name)})`
    if (ty.of) return `${ty.kind}(${typeKey(ty.of)})`
    return ty.value === undefined ? ty.kind : `${ty.kind}(${JSON.stringify(ty.value)})`
  }
  function canonical(q) {
    if (keyOf.has(q)) return keyOf.get(q)
    const t = byQ.get(q)
    if (!t || own.has(q)) return `name(${q})`
    keyOf.set(q, `name(${q})`)  // a recursive type compares by name
    let k
    if (t.kind === 'enum') k = `enum${JSON.stringify(t.values.map((v) => v.wire))}`
    else if (t.kind === 'union') k = `union${JSON.stringify([t.keys, t.alternatives.map(canonical)])}`
    else if (t.kind === 'struct')
      k = `struct${JSON.stringify([
        t.alternatives ?? null,
        t.members.map((m) => [m.name, m.wire, typeKey(m.type), m.required, m.nullable, !!m.defaulted, m.deprecated ?? null]),
      ])}`
    else k = `name(${q})`
    keyOf.set(q, k)
    return k
  }

  // ---- which headers include which (through the types they name) ----
  const deps = new Map()  // header -> Set of headers
  const addDep = (from, to) => {
    if (!to || from === to) return
    if (!deps.has(from)) deps.set(from, new Set())
    deps.get(from).add(to)
  }
  const visit = (from, ty) => {
    if (ty.kind === 'ref' || ty.kind === 'enum') addDep(from, byQ.get(ty.name)?.header)
    if (ty.of) visit(from, ty.of)
  }
  for (const t of ir.types) {
    for (const m of t.members ?? []) visit(t.header, m.type)
    if (t.kind === 'union') for (const a of t.alternatives) addDep(t.header, byQ.get(a)?.header)
  }
  for (const e of ir.endpoints) for (const q of [e.request, e.response]) for (const m of byQ.get(q).members) visit(e.header, m.type)
  function reaches(from, to) {
    const seen = new Set()
    const stack = [from]
    while (stack.length) {
      const h = stack.pop()
      if (h === to) return true
      if (seen.has(h)) continue
      seen.add(h)
      for (const d of deps.get(h) ?? []) stack.push(d)
    }
    return false
  }

  // ---- one definition per class ----
  const classes = new Map()  // key -> [q...] in IR order
  for (const t of ir.types) {
    const q = qualified(t)
    if (own.has(q) || !['struct', 'enum', 'union'].includes(t.kind)) continue
    const k = canonical(q)
    if (!classes.has(k)) classes.set(k, [])
    classes.get(k).push(q)
  }
  const multi = [...classes.values()].filter((qs) => new Set(qs.map((q) => byQ.get(q).header)).size > 1)
  const classOf = (q) => classes.get(canonical(q))
  let shared = 0
  const alias = (q, target) => {
    const t = byQ.get(q)
    for (const key of Object.keys(t)) if (!['ns', 'name', 'header', 'description'].includes(key)) delete t[key]
    t.kind = 'alias'
    t.target = target
    ++shared
  }

  // 0. A header's own type (IR `resource: true`) stays where it is: the others alias it, where
  // including its header makes no cycle.
  const withResource = []
  for (const qs of multi) {
    const r = qs.find((q) => byQ.get(q).resource)
    if (!r) continue
    withResource.push(qs)
    const home = byQ.get(r).header
    for (const q of qs) {
      const h = byQ.get(q).header
      // Two resources stay two types (unmanaged_acs_credential is not acs_credential, even when
      // the spec spells them alike): overloads and type lists keep telling them apart.
      if (h === home || byQ.get(q).resource || reaches(home, h)) continue
      alias(q, r)
      addDep(h, home)
    }
  }

  // 1. One of the headers already includes the definition for all the others: the others alias it.
  const moved = new Set()
  const rest = []
  for (const qs of multi.filter((c) => !withResource.includes(c))) {
    const first = qs.find((q) => qs.every((o) => byQ.get(o).header === byQ.get(q).header || reaches(byQ.get(o).header, byQ.get(q).header)))
    if (!first) {
      rest.push(qs)
      continue
    }
    for (const q of qs) if (byQ.get(q).header !== byQ.get(first).header) alias(q, first)
  }

  // 2. Otherwise the first definition moves to the shared header, which must include no other
  // generated header: only types whose own types move too.
  let candidates = new Set(rest)
  for (let changed = true; changed; ) {
    changed = false
    for (const qs of candidates) {
      const t = byQ.get(qs[0])
      const refs = []
      const collect = (ty) => {
        if (ty.kind === 'ref' || ty.kind === 'enum') refs.push(ty.name)
        if (ty.of) collect(ty.of)
      }
      for (const m of t.members ?? []) collect(m.type)
      if (t.kind === 'union') refs.push(...t.alternatives)
      if (refs.some((r) => !byQ.has(r) || !candidates.has(classOf(r)))) {
        candidates.delete(qs)
        changed = true
      }
    }
  }
  // A moved definition names the other moved definitions, not their aliases in other headers.
  const toDefinition = (ty) => {
    if (ty.kind === 'ref' || ty.kind === 'enum') return { ...ty, name: classOf(ty.name)[0] }
    return ty.of ? { ...ty, of: toDefinition(ty.of) } : ty
  }
  for (const qs of candidates) {
    const t = byQ.get(qs[0])
    for (const m of t.members ?? []) m.type = toDefinition(m.type)
    if (t.kind === 'union') t.alternatives = t.alternatives.map((a) => classOf(a)[0])
  }
  // Each moved definition gets a header of its own under `dir` (with the definitions it names
  // that name it back, if any: headers cannot include each other), which includes the headers of
  // the moved definitions it names: a header includes only the shared types it uses.
  const names = new Map()  // moved definition -> the moved definitions it names
  for (const qs of candidates) {
    const t = byQ.get(qs[0])
    const refs = new Set()
    const collect = (ty) => {
      if (ty.kind === 'ref' || ty.kind === 'enum') refs.add(ty.name)
      if (ty.of) collect(ty.of)
    }
    for (const m of t.members ?? []) collect(m.type)
    if (t.kind === 'union') for (const a of t.alternatives) refs.add(a)
    refs.delete(qs[0])
    names.set(qs[0], refs)
  }
  const reachable = (from) => {
    const seen = new Set()
    const stack = [...names.get(from)]
    while (stack.length) {
      const q = stack.pop()
      if (seen.has(q)) continue
      seen.add(q)
      stack.push(...names.get(q))
    }
    return seen
  }
  const reach = new Map([...names.keys()].map((q) => [q, reachable(q)]))
  const fileOf = new Map()
  for (const q of names.keys()) {  // IR order: a cycle's header is named after its first definition
    if (fileOf.has(q)) continue
    const t = byQ.get(q)
    const file = `${dir}/${[...t.ns, t.name].join('_')}.hpp`
    if (ir.headers.some((h) => h.file === file)) throw new Error(`shareTypes: ${file} is already a header of the IR`)
    ir.headers.push({ file, description: `${[...t.ns, t.name].join('::')}, a type that several headers define identically (defined once here; the others name it through aliases)` })
    fileOf.set(q, file)
    for (const o of reach.get(q)) if (reach.get(o).has(q)) fileOf.set(o, file)
  }
  ir.headers.sort((a, b) => a.file.localeCompare(b.file))
  for (const qs of candidates) {
    byQ.get(qs[0]).header = fileOf.get(qs[0])
    moved.add(qs[0])
    for (const q of qs.slice(1)) alias(q, qs[0])
  }
  return shared
}
