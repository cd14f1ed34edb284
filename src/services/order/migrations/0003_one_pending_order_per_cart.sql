ALTER TABLE ordering.orders ADD COLUMN cart_id uuid;
--> statement-breakpoint
CREATE UNIQUE INDEX orders_pending_cart_idx ON ordering.orders (cart_id) WHERE status = 'pending';
