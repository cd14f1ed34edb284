import { describe, expect, it } from 'vitest'
import { mergeOpenApi, type OpenApiDoc } from './openapi-merge.ts'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

describe('mergeOpenApi', () => {
  const own: OpenApiDoc = {
    openapi: '3.1.0',
    info: { title: 'gateway', version: '1.0.0' },
    paths: { '/api/admin/dead-letters': { get: { summary: 'gateway' } } },
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    tags: [{ name: 'operations' }],
  }
  const identity: OpenApiDoc = {
    paths: {
      '/api/auth/me': { get: { responses: { 200: { content: { 'application/json': { schema: ref('User') } } } } } },
      '/api/admin/dead-letters': { get: { summary: 'identity' } },
    },
    components: { schemas: { User: { type: 'object' }, Money: { type: 'object', title: 'money' } } },
    tags: [{ name: 'auth' }, { name: 'operations', description: 'theirs' }],
  }
  const catalog: OpenApiDoc = {
    paths: {
      '/api/products': { get: { responses: { 200: { content: { 'application/json': { schema: ref('Money') } } } } } },
      '/api/auth/me': { patch: { summary: 'odd but kept' } },
    },
    components: {
      schemas: {
        Money: { type: 'object', title: 'other money' },
        Price: { type: 'object', properties: { money: ref('Money') } },
      },
    },
    tags: [{ name: 'products' }],
  }

  const merged = mergeOpenApi(own, [
    { service: 'identity', doc: identity },
    { service: 'catalog', doc: catalog },
  ], ['cart'], { title: 'Emporium API' })

  it('keeps every path and method, the gateway’s own operations first', () => {
    expect(Object.keys(merged.paths ?? {}).sort()).toEqual(['/api/admin/dead-letters', '/api/auth/me', '/api/products'])
    expect(merged.paths?.['/api/admin/dead-letters']?.get).toEqual({ summary: 'gateway' })
    expect(Object.keys(merged.paths?.['/api/auth/me'] ?? {}).sort()).toEqual(['get', 'patch'])
  })

  it('renames a clashing schema after its service and follows its references', () => {
    const schemas = merged.components?.schemas ?? {}
    expect(schemas.Money).toEqual({ type: 'object', title: 'money' })
    expect(schemas['catalog.Money']).toEqual({ type: 'object', title: 'other money' })
    expect(schemas.Price).toEqual({ type: 'object', properties: { money: ref('catalog.Money') } })
    expect(JSON.stringify(merged.paths?.['/api/products'])).toContain('#/components/schemas/catalog.Money')
    expect(JSON.stringify(merged.paths?.['/api/auth/me'])).toContain('#/components/schemas/User')
  })

  it('unions tags by name and names the services left out', () => {
    expect(merged.tags?.map((t) => t.name)).toEqual(['operations', 'auth', 'products'])
    expect(merged['x-unavailable-services']).toEqual(['cart'])
    expect(merged.info).toMatchObject({ title: 'Emporium API', version: '1.0.0' })
    expect(merged.components?.securitySchemes).toHaveProperty('bearerAuth')
  })
})
