import { bearerSecurity, optionalUser, requireAdmin } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { CategoryBody, CategoryDto, CategoryNode, CategoryParams, CategoryPatch, CategoryQuery } from './categories.dto.ts'
import { createCategory } from './create-category.ts'
import { deleteCategory } from './delete-category.ts'
import { listCategoryTree } from './list-categories.ts'
import { NoContent, NotModified } from './products.dto.ts'
import { assertAdminFor, sendReadAnswer } from './public-answer.ts'
import { restoreCategory } from './restore-category.ts'
import { updateCategoryById } from './update-category.ts'

const tags = ['catalog']
const admin = { preHandler: requireAdmin }

/** The category tree: a public read (cached) and admin writes. */
export function categoryRoutes(app: App, deps: CatalogDeps): void {
  app.get(
    '/api/categories',
    {
      preHandler: optionalUser,
      schema: {
        tags,
        summary: 'Active categories as a tree, ordered by position then name',
        description:
          'Admins may add ?includeDeleted=true. Public answers carry a strong ETag and Cache-Control: public, max-age (304 on If-None-Match).',
        querystring: CategoryQuery,
        response: { 200: CategoryNode.array(), 304: NotModified },
      },
    },
    async (req, reply) => {
      if (req.query.includeDeleted !== undefined) assertAdminFor(req, 'Listing deleted categories')
      return sendReadAnswer(req, reply, deps, () => listCategoryTree(deps, { includeDeleted: req.query.includeDeleted === 'true' }))
    },
  )

  app.post(
    '/api/categories',
    {
      preHandler: [requireAdmin, app.idempotency.optional],
      schema: {
        tags,
        summary: 'Create a category',
        description: '409 when an active sibling has the name (case-insensitive) or an active category has the slug; 422 on an unknown parent.',
        security: bearerSecurity,
        body: CategoryBody,
        response: { 201: CategoryDto },
      },
    },
    async (req, reply) => reply.code(201).send(await createCategory(deps, req.body)),
  )

  app.patch(
    '/api/categories/:id',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Rename, re-slug, re-order or move a category',
        description: 'parentId null makes it a root; moving under itself or a descendant is 422.',
        security: bearerSecurity,
        params: CategoryParams,
        body: CategoryPatch,
        response: { 200: CategoryDto },
      },
    },
    async (req) => updateCategoryById(deps, req.params.id, req.body),
  )

  app.delete(
    '/api/categories/:id',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Soft-delete a category',
        description: '409 while it has active subcategories.',
        security: bearerSecurity,
        params: CategoryParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await deleteCategory(deps, req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/categories/:id/restore',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Restore a deleted category',
        description: '409 when its parent is deleted or an active category now has its name (among siblings) or slug.',
        security: bearerSecurity,
        params: CategoryParams,
        response: { 200: CategoryDto },
      },
    },
    async (req) => restoreCategory(deps, req.params.id),
  )
}
