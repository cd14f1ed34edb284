CREATE TABLE inventory.stock_levels (
  sku text PRIMARY KEY,
  on_hand integer NOT NULL DEFAULT 0,
  reserved integer NOT NULL DEFAULT 0,
  low_stock_threshold integer NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT stock_levels_on_hand_check CHECK (on_hand >= 0),
  CONSTRAINT stock_levels_reserved_check CHECK (reserved >= 0),
  CONSTRAINT stock_levels_reserved_within_on_hand_check CHECK (reserved <= on_hand),
  CONSTRAINT stock_levels_threshold_check CHECK (low_stock_threshold >= 0)
);
--> statement-breakpoint
CREATE TABLE inventory.movements (
  id uuid PRIMARY KEY,
  sku text NOT NULL REFERENCES inventory.stock_levels (sku),
  delta integer NOT NULL,
  reserved_delta integer NOT NULL,
  reason text NOT NULL,
  order_id uuid,
  note text,
  actor_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT movements_reason_check CHECK (reason IN ('initial', 'received', 'correction', 'damaged', 'reserved', 'released', 'expired', 'sold', 'restocked'))
);
--> statement-breakpoint
CREATE INDEX movements_sku_created_idx ON inventory.movements (sku, created_at);
--> statement-breakpoint
CREATE TABLE inventory.reservations (
  order_id uuid PRIMARY KEY,
  status text NOT NULL,
  expires_at timestamptz NOT NULL,
  failure jsonb,
  release_reason text,
  restocked boolean NOT NULL DEFAULT false,
  correlation_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reservations_status_check CHECK (status IN ('reserved', 'committed', 'released', 'expired', 'failed'))
);
--> statement-breakpoint
CREATE INDEX reservations_status_expires_idx ON inventory.reservations (status, expires_at);
--> statement-breakpoint
CREATE TABLE inventory.reservation_lines (
  order_id uuid NOT NULL REFERENCES inventory.reservations (order_id) ON DELETE CASCADE,
  sku text NOT NULL REFERENCES inventory.stock_levels (sku),
  quantity integer NOT NULL,
  CONSTRAINT reservation_lines_pkey PRIMARY KEY (order_id, sku),
  CONSTRAINT reservation_lines_quantity_check CHECK (quantity > 0)
);
