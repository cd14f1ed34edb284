import { bearerSecurity, requireUser, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { PageQuery } from '../../platform/pagination.ts'
import { addToWishlist } from './add-to-wishlist.ts'
import type { CartDeps } from './cart.deps.ts'
import { NoContent } from './cart.dto.ts'
import { MAX_WISHLIST_ITEMS } from './cart.rules.ts'
import { listWishlistOf } from './list-wishlist.ts'
import { removeFromWishlist } from './remove-from-wishlist.ts'
import { WishlistBody, WishlistDto, WishlistParams } from './wishlist.dto.ts'

const tags = ['wishlist']

/** The signed-in customer's wishlist of products. */
export function wishlistRoutes(app: App, deps: CartDeps): void {
  app.get(
    '/api/wishlist',
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: 'The wishlist, newest first',
        security: bearerSecurity,
        querystring: PageQuery,
        response: { 200: WishlistDto },
      },
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await listWishlistOf(deps, userOf(req).id, req.query)),
  )

  app.post(
    '/api/wishlist',
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: 'Add a product to the wishlist',
        description: `201 with the wishlist when the product was added; adding it again is a no-op answered 200 with the same list. 404 for an unknown or unsold product; 422 past ${MAX_WISHLIST_ITEMS} products.`,
        security: bearerSecurity,
        body: WishlistBody,
        response: { 200: WishlistDto, 201: WishlistDto },
      },
    },
    async (req, reply) => {
      const { added, wishlist } = await addToWishlist(deps, userOf(req).id, req.body.productId)
      return reply.code(added ? 201 : 200).header('cache-control', 'no-store').send(wishlist)
    },
  )

  app.delete(
    '/api/wishlist/:productId',
    {
      preHandler: requireUser,
      schema: {
        tags,
        summary: 'Take a product off the wishlist',
        description: '204 whether or not it was on it.',
        security: bearerSecurity,
        params: WishlistParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await removeFromWishlist(deps, userOf(req).id, req.params.productId)
      return reply.code(204).send(null)
    },
  )
}
