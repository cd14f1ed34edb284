import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { JWK } from 'jose'
import type { Role } from '../../platform/auth.ts'

export const identitySchema = pgSchema('identity')

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow()

export const users = identitySchema.table(
  'users',
  {
    id: uuid().primaryKey(),
    /** Stored trimmed and lower-cased: the one form emails are compared in. */
    email: text().notNull().unique('users_email_unique'),
    passwordHash: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    phone: text(),
    role: text().$type<Role>().notNull().default('customer'),
    active: boolean().notNull().default(true),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    /** Base32 TOTP secret: set by 2FA setup, in use once totpEnabled. */
    totpSecret: text(),
    totpEnabled: boolean().notNull().default(false),
    /** The last TOTP time step accepted at login: a code works once. */
    totpLastStep: integer(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [check('users_role_check', sql`${t.role} IN ('customer', 'admin')`)],
)
export type UserRow = typeof users.$inferSelect

/** A login: one family of refresh tokens. Its id is the `sid` claim of the access tokens. */
export const sessions = identitySchema.table(
  'sessions',
  {
    id: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastUsedAt: createdAt(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedReason: text(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)
export type SessionRow = typeof sessions.$inferSelect

export const refreshTokens = identitySchema.table(
  'refresh_tokens',
  {
    id: uuid().primaryKey(),
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    /** SHA-256 of the token; the token itself is never stored. */
    tokenHash: text().notNull().unique('refresh_tokens_token_hash_unique'),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Set when the token was exchanged; presenting it again revokes the session. */
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
)
export type RefreshTokenRow = typeof refreshTokens.$inferSelect

export const signingKeys = identitySchema.table('signing_keys', {
  /** Also the `kid` header of the tokens it signs. */
  id: uuid().primaryKey(),
  algorithm: text().notNull(),
  publicJwk: jsonb().$type<JWK>().notNull(),
  privateJwk: jsonb().$type<JWK>().notNull(),
  createdAt: createdAt(),
})
export type SigningKeyRow = typeof signingKeys.$inferSelect

export const CODE_PURPOSES = ['verify_email', 'reset_password'] as const
export type CodePurpose = (typeof CODE_PURPOSES)[number]

/** Emailed one-time codes (verification, password reset), stored hashed. */
export const emailCodes = identitySchema.table(
  'email_codes',
  {
    id: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text().$type<CodePurpose>().notNull(),
    codeHash: text().notNull(),
    attempts: integer().notNull().default(0),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('email_codes_user_purpose_idx').on(t.userId, t.purpose),
    check('email_codes_purpose_check', sql`${t.purpose} IN ('verify_email', 'reset_password')`),
  ],
)
export type EmailCodeRow = typeof emailCodes.$inferSelect

export const addresses = identitySchema.table(
  'addresses',
  {
    id: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fullName: text().notNull(),
    line1: text().notNull(),
    line2: text(),
    city: text().notNull(),
    region: text(),
    postalCode: text().notNull(),
    country: text().notNull(),
    phone: text(),
    isDefault: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('addresses_user_idx').on(t.userId),
    uniqueIndex('addresses_one_default_idx').on(t.userId).where(sql`is_default`),
  ],
)
export type AddressRow = typeof addresses.$inferSelect
