CREATE TABLE payment.simulator_payment_methods (
  id text PRIMARY KEY,
  brand text NOT NULL,
  last4 text NOT NULL,
  exp_month integer NOT NULL,
  exp_year integer NOT NULL,
  fingerprint text NOT NULL,
  outcome text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT simulator_payment_methods_outcome_check CHECK (outcome IN ('succeed', 'decline', 'insufficient_funds', 'dispute'))
);
--> statement-breakpoint
CREATE TABLE payment.simulator_charges (
  id text PRIMARY KEY,
  payment_method_id text NOT NULL REFERENCES payment.simulator_payment_methods (id),
  amount_minor bigint NOT NULL,
  currency text NOT NULL,
  status text NOT NULL,
  captured_minor bigint NOT NULL DEFAULT 0,
  refunded_minor bigint NOT NULL DEFAULT 0,
  metadata jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT simulator_charges_status_check CHECK (status IN ('requires_capture', 'succeeded', 'canceled')),
  CONSTRAINT simulator_charges_captured_check CHECK (captured_minor >= 0 AND captured_minor <= amount_minor),
  CONSTRAINT simulator_charges_refunded_check CHECK (refunded_minor >= 0 AND refunded_minor <= captured_minor)
);
--> statement-breakpoint
CREATE TABLE payment.simulator_refunds (
  id text PRIMARY KEY,
  charge_id text NOT NULL REFERENCES payment.simulator_charges (id),
  amount_minor bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT simulator_refunds_amount_check CHECK (amount_minor > 0)
);
--> statement-breakpoint
CREATE INDEX simulator_refunds_charge_idx ON payment.simulator_refunds (charge_id);
--> statement-breakpoint
CREATE TABLE payment.simulator_requests (
  idempotency_key text PRIMARY KEY,
  fingerprint text NOT NULL,
  response jsonb NOT NULL,
  replays integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE payment.simulator_webhooks (
  id text PRIMARY KEY,
  type text NOT NULL,
  payload text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX simulator_webhooks_due_idx ON payment.simulator_webhooks (next_attempt_at) WHERE delivered_at IS NULL;
