ALTER TABLE notification.notifications DROP CONSTRAINT notifications_source_message_id_key;
--> statement-breakpoint
ALTER TABLE notification.notifications
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_at timestamptz,
  ADD COLUMN claimed_until timestamptz,
  ADD COLUMN last_error text,
  ADD COLUMN provider_message_id text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
--> statement-breakpoint
ALTER TABLE notification.notifications
  ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sent', 'failed')),
  ADD CONSTRAINT notifications_attempts_check CHECK (attempts >= 0),
  ADD CONSTRAINT notifications_pending_due_check CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL),
  ADD CONSTRAINT notifications_sent_at_check CHECK (status <> 'sent' OR sent_at IS NOT NULL);
--> statement-breakpoint
CREATE UNIQUE INDEX notifications_source_recipient_idx ON notification.notifications (source_message_id, recipient);
--> statement-breakpoint
CREATE INDEX notifications_due_idx ON notification.notifications (next_attempt_at) WHERE status = 'pending';
--> statement-breakpoint
CREATE INDEX notifications_created_idx ON notification.notifications (created_at DESC);
--> statement-breakpoint
CREATE TABLE notification.admins (
  user_id uuid PRIMARY KEY,
  email text NOT NULL,
  first_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE notification.order_numbers (
  order_id uuid PRIMARY KEY,
  number text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
