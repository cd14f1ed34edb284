CREATE TABLE payment.payment_methods (
  id text PRIMARY KEY,
  customer_id uuid NOT NULL,
  provider text NOT NULL,
  brand text NOT NULL,
  last4 text NOT NULL,
  exp_month integer NOT NULL,
  exp_year integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payment_methods_exp_month_check CHECK (exp_month BETWEEN 1 AND 12),
  CONSTRAINT payment_methods_last4_check CHECK (last4 ~ '^[0-9]{4}$')
);
--> statement-breakpoint
CREATE INDEX payment_methods_customer_idx ON payment.payment_methods (customer_id);
--> statement-breakpoint
CREATE TABLE payment.payments (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL,
  origin text NOT NULL,
  customer_id uuid,
  email text,
  provider text NOT NULL,
  payment_method_id text,
  card_brand text,
  card_last4 text,
  status text NOT NULL,
  amount_minor bigint NOT NULL,
  captured_minor bigint NOT NULL DEFAULT 0,
  refunded_minor bigint NOT NULL DEFAULT 0,
  currency text NOT NULL,
  provider_ref text,
  failure_reason text,
  failure_message text,
  disputed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payments_order_id_unique UNIQUE (order_id),
  CONSTRAINT payments_status_check CHECK (status IN ('pending', 'authorized', 'captured', 'partially_refunded', 'refunded', 'voided', 'failed')),
  CONSTRAINT payments_origin_check CHECK (origin IN ('authorize', 'void')),
  CONSTRAINT payments_amount_check CHECK (amount_minor >= 0),
  CONSTRAINT payments_captured_check CHECK (captured_minor >= 0 AND captured_minor <= amount_minor),
  CONSTRAINT payments_refunded_check CHECK (refunded_minor >= 0 AND refunded_minor <= captured_minor)
);
--> statement-breakpoint
CREATE INDEX payments_customer_created_idx ON payment.payments (customer_id, created_at);
--> statement-breakpoint
CREATE INDEX payments_provider_ref_idx ON payment.payments (provider_ref);
--> statement-breakpoint
CREATE TABLE payment.refunds (
  id uuid PRIMARY KEY,
  payment_id uuid NOT NULL REFERENCES payment.payments (id),
  amount_minor bigint,
  currency text NOT NULL,
  status text NOT NULL,
  source text NOT NULL,
  reason text,
  requested_by uuid,
  provider_ref text,
  failure_reason text,
  failure_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT refunds_amount_check CHECK (amount_minor > 0),
  CONSTRAINT refunds_status_check CHECK (status IN ('pending', 'succeeded', 'failed')),
  CONSTRAINT refunds_source_check CHECK (source IN ('command', 'admin', 'void'))
);
--> statement-breakpoint
CREATE INDEX refunds_payment_idx ON payment.refunds (payment_id);
--> statement-breakpoint
CREATE TABLE payment.payment_actions (
  id uuid PRIMARY KEY,
  payment_id uuid NOT NULL REFERENCES payment.payments (id),
  step integer NOT NULL,
  kind text NOT NULL,
  refund_id uuid REFERENCES payment.refunds (id),
  reason text,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  due_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  correlation_id text,
  causation_id uuid,
  traceparent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payment_actions_kind_check CHECK (kind IN ('authorize', 'capture', 'void', 'refund')),
  CONSTRAINT payment_actions_status_check CHECK (status IN ('pending', 'done', 'failed')),
  CONSTRAINT payment_actions_step_check CHECK (step > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX payment_actions_step_idx ON payment.payment_actions (payment_id, step);
--> statement-breakpoint
CREATE UNIQUE INDEX payment_actions_once_idx ON payment.payment_actions (payment_id, kind) WHERE kind <> 'refund';
--> statement-breakpoint
CREATE UNIQUE INDEX payment_actions_refund_idx ON payment.payment_actions (refund_id);
--> statement-breakpoint
CREATE INDEX payment_actions_due_idx ON payment.payment_actions (due_at) WHERE status = 'pending';
--> statement-breakpoint
CREATE TABLE payment.payment_events (
  id uuid PRIMARY KEY,
  payment_id uuid NOT NULL REFERENCES payment.payments (id),
  type text NOT NULL,
  data jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX payment_events_payment_idx ON payment.payment_events (payment_id, created_at);
--> statement-breakpoint
CREATE TABLE payment.webhook_events (
  provider text NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  payment_id uuid,
  received_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT webhook_events_pkey PRIMARY KEY (provider, event_id)
);
