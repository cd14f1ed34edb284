CREATE TABLE shipping.methods (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  carrier text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  min_days integer NOT NULL,
  max_days integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT methods_days_check CHECK (min_days >= 0 AND min_days <= max_days)
);
--> statement-breakpoint
CREATE UNIQUE INDEX methods_name_idx ON shipping.methods (lower(name));
--> statement-breakpoint
CREATE TABLE shipping.rates (
  id uuid PRIMARY KEY,
  method_id uuid NOT NULL REFERENCES shipping.methods (id) ON DELETE CASCADE,
  zone text NOT NULL,
  position integer NOT NULL,
  base_minor bigint NOT NULL,
  per_kg_minor bigint NOT NULL,
  free_over_minor bigint,
  currency text NOT NULL,
  min_days integer,
  max_days integer,
  CONSTRAINT rates_money_check CHECK (base_minor >= 0 AND per_kg_minor >= 0 AND (free_over_minor IS NULL OR free_over_minor >= 0)),
  CONSTRAINT rates_days_check CHECK ((min_days IS NULL AND max_days IS NULL) OR (min_days >= 0 AND min_days <= max_days))
);
--> statement-breakpoint
CREATE UNIQUE INDEX rates_method_zone_idx ON shipping.rates (method_id, lower(zone));
--> statement-breakpoint
CREATE TABLE shipping.rate_countries (
  method_id uuid NOT NULL REFERENCES shipping.methods (id) ON DELETE CASCADE,
  country text NOT NULL,
  rate_id uuid NOT NULL REFERENCES shipping.rates (id) ON DELETE CASCADE,
  CONSTRAINT rate_countries_pkey PRIMARY KEY (method_id, country),
  CONSTRAINT rate_countries_country_check CHECK (country = '*' OR country ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE INDEX rate_countries_rate_idx ON shipping.rate_countries (rate_id);
--> statement-breakpoint
CREATE TABLE shipping.variants (
  variant_id uuid PRIMARY KEY,
  product_id uuid NOT NULL,
  sku text NOT NULL,
  price_minor bigint NOT NULL,
  currency text NOT NULL,
  weight_grams bigint NOT NULL,
  source_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT variants_figures_check CHECK (price_minor >= 0 AND weight_grams >= 0)
);
--> statement-breakpoint
CREATE TABLE shipping.orders (
  order_id uuid PRIMARY KEY,
  number text NOT NULL,
  customer_id uuid NOT NULL,
  status text NOT NULL,
  shipping_method_id uuid,
  shipping_method_name text,
  shipping_address jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT orders_status_check CHECK (status IN ('confirmed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE shipping.shipments (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES shipping.orders (order_id),
  order_number text NOT NULL,
  customer_id uuid NOT NULL,
  shipping_method_id uuid,
  carrier text NOT NULL,
  tracking_number text NOT NULL,
  status text NOT NULL,
  history jsonb NOT NULL,
  shipping_address jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT shipments_status_check CHECK (status IN ('pending', 'in_transit', 'delivered', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX shipments_live_order_idx ON shipping.shipments (order_id) WHERE status <> 'cancelled';
--> statement-breakpoint
CREATE UNIQUE INDEX shipments_tracking_number_idx ON shipping.shipments (tracking_number);
--> statement-breakpoint
CREATE INDEX shipments_order_idx ON shipping.shipments (order_id);
--> statement-breakpoint
CREATE INDEX shipments_customer_created_idx ON shipping.shipments (customer_id, created_at);
