import { z } from 'zod'
import { ROLES } from '../../platform/auth.ts'
import type { AddressRow, UserRow } from './identity.tables.ts'

/** Trimmed and lower-cased before it is checked: the one form emails are compared in. */
export const Email = z.string().trim().toLowerCase().max(254).check(z.email())
const Name = z.string().trim().min(1).max(100)
const Phone = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^\+?[0-9 ()./-]+$/, 'Digits, spaces and + ( ) . / - only')
/** Strength is checked by identity.rules.ts, so that the answer lists what is missing. */
const NewPassword = z.string().max(1024)
const SixDigits = z.string().trim().regex(/^\d{6}$/, 'Six digits')

export const UserDto = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  role: z.enum(ROLES),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
})
export type UserDto = z.infer<typeof UserDto>

export function toUserDto(u: UserRow): UserDto {
  return {
    id: u.id,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    phone: u.phone,
    role: u.role,
    emailVerified: u.emailVerifiedAt !== null,
    twoFactorEnabled: u.totpEnabled,
    active: u.active,
    createdAt: u.createdAt.toISOString(),
  }
}

export const AuthResult = z.object({
  user: UserDto,
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
})
export type AuthResult = z.infer<typeof AuthResult>

/** Unknown keys (a `role`, say) are stripped: a client cannot choose its role. */
export const RegisterBody = z.object({
  email: Email,
  password: NewPassword,
  firstName: Name,
  lastName: Name,
  phone: Phone.optional(),
})
export type RegisterBody = z.infer<typeof RegisterBody>

export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1).max(1024),
  totp: z.string().trim().regex(/^\d{6}$/, 'Six digits').optional(),
})
export type LoginBody = z.infer<typeof LoginBody>

export const RefreshBody = z.object({ refreshToken: z.string().min(1).max(200) })

/** Strict: role and email cannot be set here, and saying so is better than silently ignoring it. */
export const UpdateMeBody = z.strictObject({
  firstName: Name.optional(),
  lastName: Name.optional(),
  phone: Phone.nullable().optional(),
})
export type UpdateMeBody = z.infer<typeof UpdateMeBody>

export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: NewPassword })
export const CodeBody = z.object({ code: SixDigits })
export const ForgotPasswordBody = z.object({ email: Email })
export const ResetPasswordBody = z.object({ email: Email, code: SixDigits, newPassword: NewPassword })
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>

export const TwoFactorSetup = z.object({ otpauthUrl: z.string(), secret: z.string() })

const Line = z.string().trim().min(1).max(200)
const OptionalLine = z.string().trim().max(200).nullable().optional()
const Country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code, like "US"')

export const AddressBody = z.object({
  fullName: Line,
  line1: Line,
  line2: OptionalLine,
  city: Line,
  region: OptionalLine,
  postalCode: z.string().trim().min(1).max(20),
  country: Country,
  phone: Phone.nullable().optional(),
  isDefault: z.boolean().optional(),
})
export type AddressBody = z.infer<typeof AddressBody>

export const AddressPatch = AddressBody.partial()
export type AddressPatch = z.infer<typeof AddressPatch>

export const AddressDto = z.object({
  id: z.uuid(),
  fullName: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  postalCode: z.string(),
  country: z.string(),
  phone: z.string().nullable(),
  isDefault: z.boolean(),
  createdAt: z.iso.datetime(),
})
export type AddressDto = z.infer<typeof AddressDto>

export function toAddressDto(a: AddressRow): AddressDto {
  return {
    id: a.id,
    fullName: a.fullName,
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    region: a.region,
    postalCode: a.postalCode,
    country: a.country,
    phone: a.phone,
    isDefault: a.isDefault,
    createdAt: a.createdAt.toISOString(),
  }
}

export const UserQuery = z.object({
  q: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
})

export const AdminUserPatch = z.strictObject({ role: z.enum(ROLES).optional(), active: z.boolean().optional() })
export type AdminUserPatch = z.infer<typeof AdminUserPatch>

export const NoContent = z.null().describe('No content')
