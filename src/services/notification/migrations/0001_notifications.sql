CREATE TABLE notification.notifications (
  id uuid PRIMARY KEY,
  user_id uuid,
  recipient text NOT NULL,
  channel text NOT NULL DEFAULT 'email',
  template text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL,
  source_message_id uuid NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
--> statement-breakpoint
CREATE INDEX notifications_user_idx ON notification.notifications (user_id, created_at DESC);
