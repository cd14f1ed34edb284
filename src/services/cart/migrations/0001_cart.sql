CREATE TABLE cart.products (
  product_id uuid PRIMARY KEY,
  name text NOT NULL,
  slug text NOT NULL,
  status text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  snapshot_at timestamptz NOT NULL,
  CONSTRAINT products_status_check CHECK (status IN ('draft', 'active', 'archived'))
);
--> statement-breakpoint
CREATE TABLE cart.variants (
  variant_id uuid PRIMARY KEY,
  product_id uuid NOT NULL REFERENCES cart.products (product_id),
  sku text NOT NULL,
  title text NOT NULL,
  price_minor bigint NOT NULL,
  currency text NOT NULL,
  weight_grams integer NOT NULL,
  present boolean NOT NULL,
  CONSTRAINT variants_price_check CHECK (price_minor >= 0),
  CONSTRAINT variants_weight_check CHECK (weight_grams >= 0)
);
--> statement-breakpoint
CREATE INDEX variants_product_idx ON cart.variants (product_id);
--> statement-breakpoint
CREATE TABLE cart.stock (
  sku text PRIMARY KEY,
  available integer NOT NULL,
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT stock_available_check CHECK (available >= 0)
);
--> statement-breakpoint
CREATE TABLE cart.carts (
  id uuid PRIMARY KEY,
  customer_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE UNIQUE INDEX carts_customer_idx ON cart.carts (customer_id);
--> statement-breakpoint
CREATE INDEX carts_updated_idx ON cart.carts (updated_at);
--> statement-breakpoint
CREATE TABLE cart.cart_lines (
  cart_id uuid NOT NULL REFERENCES cart.carts (id) ON DELETE CASCADE,
  variant_id uuid NOT NULL,
  quantity integer NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT cart_lines_pkey PRIMARY KEY (cart_id, variant_id),
  CONSTRAINT cart_lines_quantity_check CHECK (quantity BETWEEN 1 AND 999)
);
--> statement-breakpoint
CREATE TABLE cart.order_effects (
  order_id uuid NOT NULL,
  effect text NOT NULL,
  customer_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT order_effects_pkey PRIMARY KEY (order_id, effect),
  CONSTRAINT order_effects_effect_check CHECK (effect IN ('confirmed', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX order_effects_created_idx ON cart.order_effects (created_at);
--> statement-breakpoint
CREATE TABLE cart.wishlist_items (
  customer_id uuid NOT NULL,
  product_id uuid NOT NULL REFERENCES cart.products (product_id),
  added_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT wishlist_items_pkey PRIMARY KEY (customer_id, product_id)
);
--> statement-breakpoint
CREATE INDEX wishlist_items_customer_added_idx ON cart.wishlist_items (customer_id, added_at);
