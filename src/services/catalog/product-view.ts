import type { z } from 'zod'
import type { productCreated } from '../../contracts/catalog.events.ts'
import type { DbOrTx } from '../../platform/db/db.ts'
import { ratingAverage } from './catalog.rules.ts'
import type { VariantRow } from './catalog.tables.ts'
import type { ProductDto, VariantDto } from './products.dto.ts'
import { type ProductRecord, variantsWithStock, type VariantWithStock } from './products.repo.ts'

type Snapshot = z.input<(typeof productCreated)['schema']>

export function toVariantDto(v: VariantWithStock): VariantDto {
  return {
    id: v.id,
    sku: v.sku,
    title: v.title,
    options: v.options,
    price: { amount: v.priceMinor, currency: v.currency },
    ...(v.compareAtMinor !== null ? { compareAtPrice: { amount: v.compareAtMinor, currency: v.currency } } : {}),
    weightGrams: v.weightGrams,
    available: v.available,
  }
}

export function toProductDto(p: ProductRecord, variants: VariantWithStock[]): ProductDto {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    brand: p.brand,
    description: p.description,
    categoryId: p.categoryId,
    images: p.images,
    options: p.options,
    status: p.status,
    variants: variants.map(toVariantDto),
    rating: { average: ratingAverage(p.ratingSum, p.ratingCount), count: p.ratingCount },
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    deletedAt: p.deletedAt?.toISOString() ?? null,
  }
}

/** Products as answers, their live variants loaded in one query. */
export async function toProductDtos(db: DbOrTx, rows: ProductRecord[]): Promise<ProductDto[]> {
  const variants = await variantsWithStock(
    db,
    rows.map((r) => r.id),
  )
  const byProduct = new Map<string, VariantWithStock[]>()
  for (const v of variants) byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v])
  return rows.map((r) => toProductDto(r, byProduct.get(r.id) ?? []))
}

/**
 * What product.created / product.updated carry: the whole product as other services see it.
 * `openingStock` gives initialStock for the variants this change created.
 */
export function productSnapshot(
  p: Pick<ProductRecord, 'id' | 'slug' | 'name' | 'status'>,
  variants: Array<Pick<VariantRow, 'id' | 'sku' | 'title' | 'priceMinor' | 'currency' | 'weightGrams' | 'removedAt'>>,
  openingStock: Map<string, number>,
): Snapshot {
  return {
    productId: p.id,
    slug: p.slug,
    name: p.name,
    status: p.status,
    variants: variants
      .filter((v) => v.removedAt === null)
      .map((v) => {
        const initialStock = openingStock.get(v.sku)
        return {
          variantId: v.id,
          sku: v.sku,
          title: v.title,
          price: { amount: v.priceMinor, currency: v.currency },
          weightGrams: v.weightGrams,
          ...(initialStock !== undefined ? { initialStock } : {}),
        }
      }),
  }
}
