import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices, type TestServices } from '../../../test/support/services.ts'
import { ADMIN_ENV, adminToken, call, createCategory, ok, unique } from './catalog.test-kit.ts'

interface Node {
  id: string
  name: string
  slug: string
  parentId: string | null
  deletedAt: string | null
  children: Node[]
}

describe('categories', () => {
  let s: TestServices
  let admin: string
  beforeAll(async () => {
    s = await startTestServices(['identity', 'catalog'], { env: ADMIN_ENV })
    admin = await adminToken(s)
  })
  afterAll(() => s.stop())

  const tree = async (query = '', token?: string) => ok<Node[]>(call(s, 'GET', `/api/categories${query}`, { token }))
  const find = (nodes: Node[], id: string): Node | undefined => {
    for (const n of nodes) {
      if (n.id === id) return n
      const below = find(n.children, id)
      if (below) return below
    }
    return undefined
  }

  it('when categories are nested, then the list is a tree ordered by position then name, with derived slugs', async () => {
    const root = await createCategory(s, admin, { name: `Health ${unique()}` })
    const b = await createCategory(s, admin, { name: 'Vitamins & Minerals', parentId: root.id, position: 1 })
    const a = await createCategory(s, admin, { name: 'Zinc', parentId: root.id, position: 0 })
    const c = await createCategory(s, admin, { name: 'Amino acids', parentId: root.id, position: 1 })
    const leaf = await createCategory(s, admin, { name: 'Vitamin C', parentId: b.id })
    expect(b.slug).toBe('vitamins-minerals')

    const node = find(await tree(), root.id)
    expect(node?.parentId).toBeNull()
    expect(node?.children.map((n) => n.id)).toEqual([a.id, c.id, b.id])
    expect(find(node?.children ?? [], leaf.id)).toMatchObject({ name: 'Vitamin C', parentId: b.id, children: [] })
  })

  it('when a sibling already has the name in any case, then 409; the same name under another parent is fine', async () => {
    const one = await createCategory(s, admin, { name: `Root ${unique()}` })
    const two = await createCategory(s, admin, { name: `Root ${unique()}` })
    await createCategory(s, admin, { name: 'Accessories', parentId: one.id })
    const clash = await call(s, 'POST', '/api/categories', { token: admin, body: { name: 'ACCESSORIES', parentId: one.id } })
    expect(clash.statusCode).toBe(409)
    expect(clash.headers['content-type']).toContain('application/problem+json')
    const elsewhere = await createCategory(s, admin, { name: 'Accessories', parentId: two.id })
    expect(elsewhere.slug).toBe('accessories-2')
    const slugClash = await call(s, 'POST', '/api/categories', { token: admin, body: { name: 'Other', slug: 'accessories' } })
    expect(slugClash.statusCode).toBe(409)
  })

  it('when a category moves, then its subtree moves with it; null makes it a root', async () => {
    const from = await createCategory(s, admin, { name: `From ${unique()}` })
    const to = await createCategory(s, admin, { name: `To ${unique()}` })
    const moving = await createCategory(s, admin, { name: 'Moving', parentId: from.id })
    const child = await createCategory(s, admin, { name: 'Child', parentId: moving.id })

    await ok(call(s, 'PATCH', `/api/categories/${moving.id}`, { token: admin, body: { parentId: to.id, name: 'Moved' } }))
    const t = await tree()
    expect(find(t, from.id)?.children).toEqual([])
    expect(find(t, to.id)?.children.map((n) => n.name)).toEqual(['Moved'])
    expect(find(t, moving.id)?.children.map((n) => n.id)).toEqual([child.id])

    await ok(call(s, 'PATCH', `/api/categories/${moving.id}`, { token: admin, body: { parentId: null } }))
    expect((await tree()).map((n) => n.id)).toContain(moving.id)
  })

  it('when a category would move under itself or its own descendant, then 422', async () => {
    const top = await createCategory(s, admin, { name: `Top ${unique()}` })
    const mid = await createCategory(s, admin, { name: 'Mid', parentId: top.id })
    const low = await createCategory(s, admin, { name: 'Low', parentId: mid.id })
    for (const parentId of [top.id, mid.id, low.id]) {
      const res = await call(s, 'PATCH', `/api/categories/${top.id}`, { token: admin, body: { parentId } })
      expect(res.statusCode).toBe(422)
      expect(res.headers['content-type']).toContain('application/problem+json')
    }
    expect(find(await tree(), low.id)?.parentId).toBe(mid.id)
  })

  it('when a category has active children, then deleting it is 409 until they are gone', async () => {
    const parent = await createCategory(s, admin, { name: `Parent ${unique()}` })
    const kid = await createCategory(s, admin, { name: 'Kid', parentId: parent.id })
    expect((await call(s, 'DELETE', `/api/categories/${parent.id}`, { token: admin })).statusCode).toBe(409)
    expect((await call(s, 'DELETE', `/api/categories/${kid.id}`, { token: admin })).statusCode).toBe(204)
    expect((await call(s, 'DELETE', `/api/categories/${parent.id}`, { token: admin })).statusCode).toBe(204)
  })

  it('when a category is soft-deleted, then it leaves the public tree, admins still see it, and restore brings it back', async () => {
    const gone = await createCategory(s, admin, { name: `Gone ${unique()}` })
    expect((await call(s, 'DELETE', `/api/categories/${gone.id}`, { token: admin })).statusCode).toBe(204)
    expect(find(await tree(), gone.id)).toBeUndefined()
    expect(find(await tree('?includeDeleted=true', admin), gone.id)?.deletedAt).toEqual(expect.any(String))
    expect((await call(s, 'GET', '/api/categories?includeDeleted=true')).statusCode).toBe(401)

    const back = await ok<{ deletedAt: string | null }>(call(s, 'POST', `/api/categories/${gone.id}/restore`, { token: admin }))
    expect(back.deletedAt).toBeNull()
    expect(find(await tree(), gone.id)).toBeDefined()
  })

  it('when a deleted category name is taken again or its parent is deleted, then restoring it is 409', async () => {
    const root = await createCategory(s, admin, { name: `Shelf ${unique()}` })
    const old = await createCategory(s, admin, { name: 'Teas', parentId: root.id })
    await ok(call(s, 'DELETE', `/api/categories/${old.id}`, { token: admin }))
    await createCategory(s, admin, { name: 'teas', parentId: root.id, slug: `teas-${unique()}` })
    expect((await call(s, 'POST', `/api/categories/${old.id}/restore`, { token: admin })).statusCode).toBe(409)

    const parent = await createCategory(s, admin, { name: `Doomed ${unique()}` })
    const orphan = await createCategory(s, admin, { name: 'Orphan', parentId: parent.id })
    await ok(call(s, 'DELETE', `/api/categories/${orphan.id}`, { token: admin }))
    await ok(call(s, 'DELETE', `/api/categories/${parent.id}`, { token: admin }))
    expect((await call(s, 'POST', `/api/categories/${orphan.id}/restore`, { token: admin })).statusCode).toBe(409)
  })

  it('when the parent is unknown or deleted, then creating under it is 422', async () => {
    const unknown = await call(s, 'POST', '/api/categories', { token: admin, body: { name: 'X', parentId: '0190a0a0-0000-7000-8000-000000000000' } })
    expect(unknown.statusCode).toBe(422)
    const dead = await createCategory(s, admin, { name: `Dead ${unique()}` })
    await ok(call(s, 'DELETE', `/api/categories/${dead.id}`, { token: admin }))
    expect((await call(s, 'POST', '/api/categories', { token: admin, body: { name: 'Y', parentId: dead.id } })).statusCode).toBe(422)
  })
})
