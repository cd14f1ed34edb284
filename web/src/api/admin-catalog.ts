import type { CategoryNode, Product, ProductStatus, Variant } from './catalog.ts'
import { api } from './client.ts'
import type { Money, Page } from './types.ts'

/** Admin calls for the catalog: products (any status, deleted ones too) and the category tree (shapes from catalog.ts). */

export const PRODUCT_STATUSES: ProductStatus[] = ['draft', 'active', 'archived']

/** What POST /api/products takes (and PATCH, as a whole). */
export interface VariantInput extends Pick<Variant, 'sku' | 'options' | 'price' | 'weightGrams'> {
  title?: string
  compareAtPrice?: Money | null
  initialStock?: number
}

export interface ProductInput extends Pick<Product, 'name' | 'brand' | 'description' | 'categoryId' | 'images' | 'options' | 'status'> {
  slug?: string
  variants: VariantInput[]
}

export interface ProductListParams {
  q?: string
  status?: ProductStatus | ''
  includeDeleted?: boolean
  sort?: string
  page: number
  pageSize?: number
}

export const productsKey = ['admin', 'products'] as const

export function listProducts(p: ProductListParams, signal?: AbortSignal): Promise<Page<Product>> {
  return api<Page<Product>>('/api/products', {
    query: {
      q: p.q,
      status: p.status,
      includeDeleted: p.includeDeleted ? 'true' : undefined,
      sort: p.sort ?? (p.q ? 'relevance' : 'newest'),
      page: p.page,
      pageSize: p.pageSize ?? 20,
    },
    signal,
  })
}

export function getProduct(id: string, signal?: AbortSignal): Promise<Product> {
  return api<Product>(`/api/products/${encodeURIComponent(id)}`, { signal })
}

export function createProduct(body: ProductInput, idempotencyKey: string): Promise<Product> {
  return api<Product>('/api/products', { method: 'POST', body, idempotencyKey })
}

export function updateProduct(id: string, body: Partial<ProductInput>): Promise<Product> {
  return api<Product>(`/api/products/${encodeURIComponent(id)}`, { method: 'PATCH', body })
}

export function deleteProduct(id: string): Promise<void> {
  return api<void>(`/api/products/${encodeURIComponent(id)}`, { method: 'DELETE' })
}

export function restoreProduct(id: string): Promise<Product> {
  return api<Product>(`/api/products/${encodeURIComponent(id)}/restore`, { method: 'POST' })
}

// --- categories ---

export interface CategoryInput {
  name: string
  parentId?: string | null
}

export const categoriesKey = ['admin', 'categories'] as const

export function listCategories(includeDeleted: boolean, signal?: AbortSignal): Promise<CategoryNode[]> {
  return api<CategoryNode[]>('/api/categories', { query: { includeDeleted: includeDeleted ? 'true' : undefined }, signal })
}

export function createCategory(body: CategoryInput): Promise<CategoryNode> {
  return api<CategoryNode>('/api/categories', { method: 'POST', body })
}

export function updateCategory(id: string, body: Partial<CategoryInput>): Promise<CategoryNode> {
  return api<CategoryNode>(`/api/categories/${encodeURIComponent(id)}`, { method: 'PATCH', body })
}

export function deleteCategory(id: string): Promise<void> {
  return api<void>(`/api/categories/${encodeURIComponent(id)}`, { method: 'DELETE' })
}

export function restoreCategory(id: string): Promise<CategoryNode> {
  return api<CategoryNode>(`/api/categories/${encodeURIComponent(id)}/restore`, { method: 'POST' })
}

/** The tree as a flat list in display order, each with its depth (for indented selects and lists). */
export function flattenCategories(nodes: CategoryNode[], depth = 0, out: Array<{ node: CategoryNode; depth: number }> = []) {
  for (const node of nodes) {
    out.push({ node, depth })
    flattenCategories(node.children, depth + 1, out)
  }
  return out
}
