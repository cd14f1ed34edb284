ALTER TABLE cart.carts ADD COLUMN checkout_order_id uuid, ADD COLUMN checkout_until timestamptz;
