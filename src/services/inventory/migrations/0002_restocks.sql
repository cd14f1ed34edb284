CREATE TABLE inventory.restocks (
  return_id uuid PRIMARY KEY,
  order_id uuid NOT NULL,
  lines jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX restocks_order_idx ON inventory.restocks (order_id);
