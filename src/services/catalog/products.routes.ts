import { z } from 'zod'
import { bearerSecurity, optionalUser, requireAdmin } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { announceProducts } from './announce-products.ts'
import type { CatalogDeps } from './catalog.deps.ts'
import { createProduct } from './create-product.ts'
import { deleteProduct } from './delete-product.ts'
import { getProductFor } from './get-product.ts'
import { NoContent, NotModified, ProductBody, ProductDto, ProductParams, ProductPatch, SlugParams } from './products.dto.ts'
import { assertAdminFor, sendReadAnswer, viewerOf } from './public-answer.ts'
import { restoreProduct } from './restore-product.ts'
import { searchProducts } from './search-products.ts'
import { SearchAnswer, SearchQuery } from './search.dto.ts'
import { updateProductById } from './update-product.ts'

const tags = ['catalog']
const admin = { preHandler: requireAdmin }
const reads = { preHandler: optionalUser }
const cachedRead =
  'Public answers carry a strong ETag and Cache-Control: public, max-age (304 on If-None-Match); answers to admins are private, no-store.'

/** Products: public reads (cached) and admin writes. */
export function productRoutes(app: App, deps: CatalogDeps): void {
  app.get(
    '/api/products',
    {
      ...reads,
      schema: {
        tags,
        summary: 'Search and filter products, with facets',
        description: `Full-text search over name, brand and description with typo tolerance; category includes descendants. ${cachedRead}`,
        querystring: SearchQuery,
        response: { 200: SearchAnswer, 304: NotModified },
      },
    },
    async (req, reply) => {
      if (req.query.status !== undefined) assertAdminFor(req, 'Filtering by status')
      if (req.query.includeDeleted !== undefined) assertAdminFor(req, 'Listing deleted products')
      return sendReadAnswer(req, reply, deps, () => searchProducts(deps, req.query, viewerOf(req)))
    },
  )

  app.get(
    '/api/products/by-slug/:slug',
    {
      ...reads,
      schema: {
        tags,
        summary: 'One product by its slug',
        description: `Customers see active products only (404 otherwise); admins see any, deleted ones too. ${cachedRead}`,
        params: SlugParams,
        response: { 200: ProductDto, 304: NotModified },
      },
    },
    async (req, reply) => sendReadAnswer(req, reply, deps, () => getProductFor(deps, { slug: req.params.slug }, viewerOf(req))),
  )

  app.get(
    '/api/products/:id',
    {
      ...reads,
      schema: {
        tags,
        summary: 'One product by id',
        description: `Customers see active products only (404 otherwise); admins see any, deleted ones too. ${cachedRead}`,
        params: ProductParams,
        response: { 200: ProductDto, 304: NotModified },
      },
    },
    async (req, reply) => sendReadAnswer(req, reply, deps, () => getProductFor(deps, { id: req.params.id }, viewerOf(req))),
  )

  app.post(
    '/api/products',
    {
      preHandler: [requireAdmin, app.idempotency.optional],
      schema: {
        tags,
        summary: 'Create a product with its variants',
        description: 'Emits product.created (with each variant\'s initialStock for inventory). 409 on a taken slug or sku; 422 on an unknown category.',
        security: bearerSecurity,
        body: ProductBody,
        response: { 201: ProductDto },
      },
    },
    async (req, reply) => reply.code(201).send(await createProduct(deps, req.body)),
  )

  app.patch(
    '/api/products/:id',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Change a product; `variants` replaces the set, matched by sku',
        description: 'Emits product.updated with the whole product. 409 when the product is deleted.',
        security: bearerSecurity,
        params: ProductParams,
        body: ProductPatch,
        response: { 200: ProductDto },
      },
    },
    async (req) => updateProductById(deps, req.params.id, req.body),
  )

  app.delete(
    '/api/products/:id',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Soft-delete a product',
        description: 'Emits product.deleted. Deleting a deleted product changes nothing.',
        security: bearerSecurity,
        params: ProductParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await deleteProduct(deps, req.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/api/products/:id/restore',
    {
      ...admin,
      schema: {
        tags,
        summary: 'Restore a soft-deleted product',
        description: 'Emits product.updated.',
        security: bearerSecurity,
        params: ProductParams,
        response: { 200: ProductDto },
      },
    },
    async (req) => restoreProduct(deps, req.params.id),
  )

  app.post(
    '/api/admin/catalog/announce',
    {
      ...admin,
      schema: {
        tags,
        summary: "Send every product's snapshot again",
        description:
          'Emits product.updated (product.deleted for deleted products) for the whole catalog, so that services keeping a copy of it (cart, shipping, inventory) catch up; run it after adding a service to a shop that already has products.',
        security: bearerSecurity,
        response: { 200: z.object({ products: z.number().int() }) },
      },
    },
    async () => ({ products: await announceProducts(deps) }),
  )
}
