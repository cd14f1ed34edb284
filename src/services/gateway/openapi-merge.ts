/**
 * Merges the services' OpenAPI documents into the gateway's one. Pure: no I/O.
 */
export interface OpenApiDoc {
  openapi?: string
  info?: Record<string, unknown>
  paths?: Record<string, Record<string, unknown>>
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown>; [k: string]: unknown }
  tags?: Array<{ name: string; [k: string]: unknown }>
  [k: string]: unknown
}

export interface ServiceDoc {
  service: string
  doc: OpenApiDoc
}

const SCHEMA_REF = '#/components/schemas/'

/**
 * `own` (the gateway's operations) first, then each service in order. For one path and
 * method the first document wins; a component schema whose name is taken by a different
 * schema is renamed `<service>.<name>` and that service's references follow it.
 */
export function mergeOpenApi(own: OpenApiDoc, services: ServiceDoc[], unavailable: string[], info: Record<string, unknown>): OpenApiDoc {
  const paths: Record<string, Record<string, unknown>> = {}
  const schemas: Record<string, unknown> = {}
  const securitySchemes: Record<string, unknown> = {}
  const tags = new Map<string, { name: string; [k: string]: unknown }>()

  const add = (doc: OpenApiDoc) => {
    for (const [path, operations] of Object.entries(doc.paths ?? {})) {
      const target = (paths[path] ??= {})
      for (const [method, operation] of Object.entries(operations ?? {})) if (!(method in target)) target[method] = operation
    }
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) if (!(name in schemas)) schemas[name] = schema
    for (const [name, scheme] of Object.entries(doc.components?.securitySchemes ?? {})) {
      if (!(name in securitySchemes)) securitySchemes[name] = scheme
    }
    for (const tag of doc.tags ?? []) if (tag && typeof tag.name === 'string' && !tags.has(tag.name)) tags.set(tag.name, tag)
  }

  add(own)
  for (const { service, doc } of services) add(renameConflictingSchemas(doc, service, schemas))
  // Tags that operations use without declaring them (the gateway's own, for one) are listed too.
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      const used = (operation as { tags?: unknown } | null)?.tags
      if (Array.isArray(used)) for (const name of used) if (typeof name === 'string' && !tags.has(name)) tags.set(name, { name })
    }
  }

  return {
    openapi: own.openapi ?? '3.1.0',
    info: { ...own.info, ...info },
    ...(own.servers ? { servers: own.servers } : {}),
    paths,
    components: { schemas, securitySchemes },
    tags: [...tags.values()],
    'x-unavailable-services': unavailable,
  }
}

/** A copy of `doc` whose schemas that clash with `taken` carry the service's name, refs included. */
function renameConflictingSchemas(doc: OpenApiDoc, service: string, taken: Record<string, unknown>): OpenApiDoc {
  const renames = new Map<string, string>()
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    if (name in taken && JSON.stringify(taken[name]) !== JSON.stringify(schema)) renames.set(name, `${service}.${name}`)
  }
  if (renames.size === 0) return doc
  const rewritten = rewriteRefs(doc, renames) as OpenApiDoc
  const schemas = Object.fromEntries(
    Object.entries(rewritten.components?.schemas ?? {}).map(([name, schema]) => [renames.get(name) ?? name, schema]),
  )
  return { ...rewritten, components: { ...rewritten.components, schemas } }
}

function rewriteRefs(value: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, renames))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    if (key === '$ref' && typeof v === 'string' && v.startsWith(SCHEMA_REF)) {
      const name = v.slice(SCHEMA_REF.length)
      out[key] = SCHEMA_REF + (renames.get(name) ?? name)
    } else {
      out[key] = rewriteRefs(v, renames)
    }
  }
  return out
}
