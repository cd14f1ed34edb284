CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE catalog.categories (
  id uuid PRIMARY KEY,
  parent_id uuid REFERENCES catalog.categories (id),
  name text NOT NULL,
  slug text NOT NULL,
  position integer NOT NULL DEFAULT 0,
  path text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
--> statement-breakpoint
CREATE UNIQUE INDEX categories_active_slug_idx ON catalog.categories (slug) WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX categories_active_sibling_name_idx
  ON catalog.categories (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))
  WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE INDEX categories_parent_idx ON catalog.categories (parent_id);
--> statement-breakpoint
CREATE TABLE catalog.products (
  id uuid PRIMARY KEY,
  slug text NOT NULL,
  name text NOT NULL,
  brand text,
  description text NOT NULL DEFAULT '',
  category_id uuid REFERENCES catalog.categories (id),
  images jsonb NOT NULL DEFAULT '[]'::jsonb,
  options jsonb NOT NULL DEFAULT '[]'::jsonb,
  status text NOT NULL DEFAULT 'draft',
  min_price_minor bigint NOT NULL,
  rating_count integer NOT NULL DEFAULT 0,
  rating_sum integer NOT NULL DEFAULT 0,
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', translate(name, '-', ' ')), 'A') ||
    setweight(to_tsvector('english', translate(coalesce(brand, ''), '-', ' ')), 'B') ||
    setweight(to_tsvector('english', translate(description, '-', ' ')), 'C')
  ) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT products_slug_unique UNIQUE (slug),
  CONSTRAINT products_status_check CHECK (status IN ('draft', 'active', 'archived'))
);
--> statement-breakpoint
CREATE INDEX products_search_idx ON catalog.products USING gin (search_vector);
--> statement-breakpoint
CREATE INDEX products_category_idx ON catalog.products (category_id);
--> statement-breakpoint
CREATE INDEX products_brand_idx ON catalog.products (lower(brand));
--> statement-breakpoint
CREATE INDEX products_created_idx ON catalog.products (created_at, id);
--> statement-breakpoint
CREATE TABLE catalog.variants (
  id uuid PRIMARY KEY,
  product_id uuid NOT NULL REFERENCES catalog.products (id),
  sku text NOT NULL,
  title text NOT NULL,
  options jsonb NOT NULL DEFAULT '{}'::jsonb,
  price_minor bigint NOT NULL,
  compare_at_minor bigint,
  currency text NOT NULL,
  weight_grams integer NOT NULL,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  CONSTRAINT variants_sku_unique UNIQUE (sku),
  CONSTRAINT variants_price_check CHECK (price_minor >= 0),
  CONSTRAINT variants_compare_at_check CHECK (compare_at_minor IS NULL OR compare_at_minor > price_minor),
  CONSTRAINT variants_weight_check CHECK (weight_grams >= 0)
);
--> statement-breakpoint
CREATE INDEX variants_product_idx ON catalog.variants (product_id);
--> statement-breakpoint
CREATE TABLE catalog.variant_stock (
  sku text PRIMARY KEY,
  available integer NOT NULL,
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE catalog.reviews (
  id uuid PRIMARY KEY,
  product_id uuid NOT NULL REFERENCES catalog.products (id),
  customer_id uuid NOT NULL,
  rating smallint NOT NULL,
  title text,
  body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reviews_rating_check CHECK (rating BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX reviews_product_customer_idx ON catalog.reviews (product_id, customer_id);
--> statement-breakpoint
CREATE INDEX reviews_product_created_idx ON catalog.reviews (product_id, created_at);
--> statement-breakpoint
CREATE TABLE catalog.review_eligibility (
  customer_id uuid NOT NULL,
  product_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT review_eligibility_pkey PRIMARY KEY (customer_id, product_id)
);
--> statement-breakpoint
CREATE TABLE catalog.search_terms (
  term text PRIMARY KEY
);
--> statement-breakpoint
CREATE INDEX search_terms_trgm_idx ON catalog.search_terms USING gin (term gin_trgm_ops);
