CREATE TABLE identity.users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  password_hash text NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  phone text,
  role text NOT NULL DEFAULT 'customer',
  active boolean NOT NULL DEFAULT true,
  email_verified_at timestamptz,
  totp_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  totp_last_step integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_unique UNIQUE (email),
  CONSTRAINT users_role_check CHECK (role IN ('customer', 'admin'))
);
--> statement-breakpoint
CREATE TABLE identity.sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_reason text
);
--> statement-breakpoint
CREATE INDEX sessions_user_idx ON identity.sessions (user_id);
--> statement-breakpoint
CREATE TABLE identity.refresh_tokens (
  id uuid PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES identity.sessions (id) ON DELETE CASCADE,
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CONSTRAINT refresh_tokens_token_hash_unique UNIQUE (token_hash)
);
--> statement-breakpoint
CREATE INDEX refresh_tokens_session_idx ON identity.refresh_tokens (session_id);
--> statement-breakpoint
CREATE TABLE identity.signing_keys (
  id uuid PRIMARY KEY,
  algorithm text NOT NULL,
  public_jwk jsonb NOT NULL,
  private_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE TABLE identity.email_codes (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
  purpose text NOT NULL,
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CONSTRAINT email_codes_purpose_check CHECK (purpose IN ('verify_email', 'reset_password'))
);
--> statement-breakpoint
CREATE INDEX email_codes_user_purpose_idx ON identity.email_codes (user_id, purpose);
--> statement-breakpoint
CREATE TABLE identity.addresses (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
  full_name text NOT NULL,
  line1 text NOT NULL,
  line2 text,
  city text NOT NULL,
  region text,
  postal_code text NOT NULL,
  country text NOT NULL,
  phone text,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX addresses_user_idx ON identity.addresses (user_id);
--> statement-breakpoint
CREATE UNIQUE INDEX addresses_one_default_idx ON identity.addresses (user_id) WHERE is_default;
