ALTER TABLE payment.payment_actions RENAME COLUMN locked_until TO claimed_until;
--> statement-breakpoint
ALTER TABLE payment.simulator_webhooks RENAME COLUMN next_attempt_at TO due_at;
--> statement-breakpoint
ALTER TABLE payment.simulator_webhooks ADD COLUMN claimed_until timestamptz;
