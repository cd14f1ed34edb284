import { useState } from 'react'
import { orderedImages, type Product } from '../../api/catalog.ts'
import { ProductImage } from './ProductImage.tsx'

/** The product's pictures: a large one and, when there are several, thumbnails to switch. */
export function Gallery({ product }: { product: Product }) {
  const images = orderedImages(product)
  const [index, setIndex] = useState(0)
  const shown = images[Math.min(index, images.length - 1)]
  return (
    <div className="gallery">
      <ProductImage image={shown} name={product.name} className="gallery-main" eager />
      {images.length > 1 && (
        <ul className="gallery-thumbs" aria-label="More pictures">
          {images.map((img, i) => (
            <li key={`${img.url}-${i}`}>
              <button
                type="button"
                className={`thumb${i === index ? ' current' : ''}`}
                aria-pressed={i === index}
                aria-label={`Show picture ${i + 1} of ${images.length}${img.alt ? `: ${img.alt}` : ''}`}
                onClick={() => setIndex(i)}
              >
                <img src={img.url} alt="" width={72} height={72} loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
