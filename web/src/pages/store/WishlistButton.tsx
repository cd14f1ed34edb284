import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { addToWishlist, getWishlist, removeFromWishlist, WISHLIST_KEY } from '../../api/cart.ts'
import { messageOf } from '../../api/problem.ts'
import { useAuth } from '../../auth.tsx'

/** Save or unsave the product, for signed-in shoppers only. */
export function WishlistButton({ productId }: { productId: string }) {
  const { user } = useAuth()
  const queryClient = useQueryClient()
  const wishlist = useQuery({ queryKey: WISHLIST_KEY, queryFn: ({ signal }) => getWishlist(signal), enabled: Boolean(user) })
  const saved = wishlist.data?.items.some((i) => i.productId === productId) ?? false
  const toggle = useMutation({
    mutationFn: async () => {
      if (saved) await removeFromWishlist(productId)
      else await addToWishlist(productId)
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: WISHLIST_KEY }),
  })
  if (!user) return null
  return (
    <div className="wishlist">
      <button
        type="button"
        className="button secondary"
        disabled={toggle.isPending || wishlist.isPending}
        onClick={() => toggle.mutate()}
      >
        {saved ? 'Remove from wishlist' : 'Save to wishlist'}
      </button>
      {saved && <span className="muted small">♥ In your wishlist</span>}
      {toggle.isError && (
        <p className="field-error" role="alert">
          {messageOf(toggle.error)}
        </p>
      )}
    </div>
  )
}
