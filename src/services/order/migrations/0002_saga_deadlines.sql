DROP INDEX ordering.orders_pending_deadline_idx;
--> statement-breakpoint
CREATE INDEX orders_step_deadline_idx ON ordering.orders (step_deadline) WHERE step_deadline IS NOT NULL;
