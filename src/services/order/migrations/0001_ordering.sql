CREATE TABLE ordering.orders (
  id uuid PRIMARY KEY,
  number text NOT NULL,
  customer_id uuid NOT NULL,
  email text NOT NULL,
  status text NOT NULL,
  saga_step text NOT NULL,
  step_deadline timestamptz,
  cancellation_reason text,
  cancellation_detail text,
  currency text NOT NULL,
  subtotal_minor bigint NOT NULL,
  shipping_total_minor bigint NOT NULL,
  total_minor bigint NOT NULL,
  shipping_address jsonb NOT NULL,
  shipping_method jsonb NOT NULL,
  payment_method_id text NOT NULL,
  payment_brand text,
  payment_last4 text,
  payment_status text NOT NULL DEFAULT 'pending',
  payment_id uuid,
  refunded_minor bigint NOT NULL DEFAULT 0,
  stock_committed boolean NOT NULL DEFAULT false,
  confirmed_at timestamptz,
  shipped_at timestamptz,
  delivered_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT orders_status_check CHECK (status IN ('pending', 'confirmed', 'shipped', 'delivered', 'returned', 'cancelled')),
  CONSTRAINT orders_saga_step_check CHECK (saga_step IN ('reserving', 'authorizing', 'capturing', 'done')),
  CONSTRAINT orders_cancellation_reason_check CHECK (cancellation_reason IN ('out_of_stock', 'payment_declined', 'timeout', 'customer_cancelled')),
  CONSTRAINT orders_cancelled_has_reason_check CHECK ((status = 'cancelled') = (cancellation_reason IS NOT NULL)),
  CONSTRAINT orders_payment_status_check CHECK (payment_status IN ('pending', 'authorized', 'captured', 'voided', 'refunded', 'partially_refunded', 'failed', 'disputed')),
  CONSTRAINT orders_amounts_check CHECK (subtotal_minor >= 0 AND shipping_total_minor >= 0 AND refunded_minor >= 0),
  CONSTRAINT orders_total_check CHECK (total_minor = subtotal_minor + shipping_total_minor)
);
--> statement-breakpoint
CREATE UNIQUE INDEX orders_number_idx ON ordering.orders (number);
--> statement-breakpoint
CREATE INDEX orders_customer_created_idx ON ordering.orders (customer_id, created_at);
--> statement-breakpoint
CREATE INDEX orders_created_idx ON ordering.orders (created_at);
--> statement-breakpoint
CREATE INDEX orders_confirmed_idx ON ordering.orders (confirmed_at);
--> statement-breakpoint
CREATE INDEX orders_pending_deadline_idx ON ordering.orders (step_deadline) WHERE status = 'pending';
--> statement-breakpoint
CREATE TABLE ordering.order_lines (
  order_id uuid NOT NULL REFERENCES ordering.orders (id) ON DELETE CASCADE,
  position integer NOT NULL,
  variant_id uuid NOT NULL,
  product_id uuid NOT NULL,
  sku text NOT NULL,
  name text NOT NULL,
  unit_price_minor bigint NOT NULL,
  quantity integer NOT NULL,
  line_total_minor bigint NOT NULL,
  CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, variant_id),
  CONSTRAINT order_lines_quantity_check CHECK (quantity > 0),
  CONSTRAINT order_lines_total_check CHECK (unit_price_minor >= 0 AND line_total_minor = unit_price_minor * quantity)
);
--> statement-breakpoint
CREATE INDEX order_lines_product_idx ON ordering.order_lines (product_id);
--> statement-breakpoint
CREATE TABLE ordering.order_history (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES ordering.orders (id) ON DELETE CASCADE,
  status text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX order_history_order_idx ON ordering.order_history (order_id, at);
--> statement-breakpoint
CREATE TABLE ordering.saga_log (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES ordering.orders (id) ON DELETE CASCADE,
  entry text NOT NULL,
  detail text,
  at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX saga_log_order_idx ON ordering.saga_log (order_id, at);
--> statement-breakpoint
CREATE TABLE ordering.returns (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES ordering.orders (id) ON DELETE CASCADE,
  customer_id uuid NOT NULL,
  status text NOT NULL,
  reason text NOT NULL,
  refund_minor bigint NOT NULL,
  currency text NOT NULL,
  approved_at timestamptz,
  approved_by uuid,
  refunded_at timestamptz,
  restocked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT returns_status_check CHECK (status IN ('requested', 'approved', 'refunded', 'refund_failed')),
  CONSTRAINT returns_refund_check CHECK (refund_minor >= 0)
);
--> statement-breakpoint
CREATE INDEX returns_order_idx ON ordering.returns (order_id);
--> statement-breakpoint
CREATE INDEX returns_status_created_idx ON ordering.returns (status, created_at);
--> statement-breakpoint
CREATE TABLE ordering.return_lines (
  return_id uuid NOT NULL REFERENCES ordering.returns (id) ON DELETE CASCADE,
  variant_id uuid NOT NULL,
  sku text NOT NULL,
  quantity integer NOT NULL,
  CONSTRAINT return_lines_pkey PRIMARY KEY (return_id, variant_id),
  CONSTRAINT return_lines_quantity_check CHECK (quantity > 0)
);
