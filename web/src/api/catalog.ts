import { api } from './client.ts'
import type { Money, Page } from './types.ts'

/** Catalog shapes (src/services/catalog/*.dto.ts; admin-catalog.ts uses them too) and the calls the storefront makes. */

export interface ProductImage {
  url: string
  alt: string
  position: number
}

export interface ProductOption {
  name: string
  values: string[]
}

export type ProductStatus = 'draft' | 'active' | 'archived'

export interface Variant {
  id: string
  sku: string
  title: string
  /** Option name → value, e.g. {Size: '60 capsules'}; `{}` for a plain product. */
  options: Record<string, string>
  price: Money
  compareAtPrice?: Money
  weightGrams: number
  /** Units that can be bought now. */
  available: number
}

export interface Product {
  id: string
  slug: string
  name: string
  brand: string | null
  description: string
  categoryId: string | null
  images: ProductImage[]
  options: ProductOption[]
  status: ProductStatus
  variants: Variant[]
  rating: { average: number; count: number }
  createdAt: string
  updatedAt: string
  /** Set on soft-deleted products, which only admins see. */
  deletedAt: string | null
}

export interface SearchFacets {
  categories: { id: string; name: string; count: number }[]
  brands: { name: string; count: number }[]
  price: { min: Money; max: Money } | null
}

export interface ProductSearch extends Page<Product> {
  facets: SearchFacets
  /** Present when misspelt words were corrected to find these results. */
  correctedQuery?: string
}

export type Sort = 'relevance' | 'price_asc' | 'price_desc' | 'newest'

export interface SearchParams {
  q?: string
  /** A category id or slug; descendants are included. */
  category?: string
  brand?: string
  /** Minor units. */
  minPrice?: number
  maxPrice?: number
  inStock?: boolean
  sort?: Sort
  page?: number
  pageSize?: number
}

export interface CategoryNode {
  id: string
  name: string
  slug: string
  parentId: string | null
  position: number
  /** Set on soft-deleted categories, which only admins see. */
  deletedAt: string | null
  children: CategoryNode[]
}

export interface Review {
  id: string
  productId: string
  rating: number
  title: string | null
  body: string | null
  createdAt: string
}

export interface ReviewInput {
  rating: number
  title?: string
  body?: string
}

export const catalogKeys = {
  search: (params: SearchParams) => ['catalog', 'products', params] as const,
  product: (slug: string) => ['catalog', 'product', slug] as const,
  categories: ['catalog', 'categories'] as const,
  reviews: (productId: string, page: number) => ['catalog', 'reviews', productId, page] as const,
  allReviews: (productId: string) => ['catalog', 'reviews', productId] as const,
}

export function searchProducts(params: SearchParams, signal?: AbortSignal): Promise<ProductSearch> {
  return api<ProductSearch>('/api/products', {
    query: { ...params, inStock: params.inStock ? 'true' : undefined },
    signal,
  })
}

export function getProductBySlug(slug: string, signal?: AbortSignal): Promise<Product> {
  return api<Product>(`/api/products/by-slug/${encodeURIComponent(slug)}`, { signal })
}

export function listCategories(signal?: AbortSignal): Promise<CategoryNode[]> {
  return api<CategoryNode[]>('/api/categories', { signal })
}

export function listReviews(productId: string, page: number, pageSize: number, signal?: AbortSignal): Promise<Page<Review>> {
  return api<Page<Review>>(`/api/products/${productId}/reviews`, { query: { page, pageSize }, signal })
}

export function addReview(productId: string, input: ReviewInput): Promise<Review> {
  return api<Review>(`/api/products/${productId}/reviews`, { method: 'POST', body: input })
}

/** The variant with the lowest price (the "from" price of a product card). */
export function cheapestVariant(product: Product): Variant | undefined {
  return product.variants.reduce<Variant | undefined>((best, v) => (!best || v.price.amount < best.price.amount ? v : best), undefined)
}

export function totalAvailable(product: Product): number {
  return product.variants.reduce((sum, v) => sum + Math.max(0, v.available), 0)
}

/** Images in their display order. */
export function orderedImages(product: Product): ProductImage[] {
  return [...product.images].sort((a, b) => a.position - b.position)
}

/** Every category of the tree by id and by slug. */
export function indexCategories(roots: CategoryNode[]): Map<string, CategoryNode> {
  const index = new Map<string, CategoryNode>()
  const walk = (nodes: CategoryNode[]) => {
    for (const n of nodes) {
      index.set(n.id, n)
      index.set(n.slug, n)
      walk(n.children)
    }
  }
  walk(roots)
  return index
}

/** The path from a root down to the category, e.g. [Vitamins & Supplements, Vitamins, Vitamin C]. */
export function categoryPath(index: Map<string, CategoryNode>, idOrSlug: string): CategoryNode[] {
  const path: CategoryNode[] = []
  let node = index.get(idOrSlug)
  while (node && path.length < 20) {
    path.unshift(node)
    node = node.parentId ? index.get(node.parentId) : undefined
  }
  return path
}
