/** The signed-in person's account: profile, password, two-factor, address book and inbox. */
import { api } from './client.ts'
import type { Page, User } from './types.ts'

/** The lines of a postal address, as an address book entry and an order's shipping address hold them. */
export interface PostalAddress {
  fullName: string
  line1: string
  line2: string | null
  city: string
  region: string | null
  postalCode: string
  country: string
  phone: string | null
}

export interface Address extends PostalAddress {
  id: string
  isDefault: boolean
  createdAt: string
}

/** An address as typed: optional lines are null when left empty. */
export interface AddressInput extends PostalAddress {
  isDefault?: boolean
}

export interface ProfileInput {
  firstName: string
  lastName: string
  phone: string | null
}

export interface TwoFactorSetup {
  otpauthUrl: string
  secret: string
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed'

/** A message the shop sent the caller (in embedded mode, the stored copy is the delivery). */
export interface InboxMessage {
  id: string
  channel: string
  template: string
  subject: string
  body: string
  status: DeliveryStatus
  sentAt: string | null
  createdAt: string
}

export const ADDRESSES_KEY = ['account', 'addresses'] as const
export const INBOX_KEY = ['account', 'notifications'] as const

// --- Signed out ---

export const forgotPassword = (email: string) => api<{ message: string }>('/api/auth/forgot-password', { method: 'POST', body: { email } })

export const resetPassword = (body: { email: string; code: string; newPassword: string }) =>
  api<void>('/api/auth/reset-password', { method: 'POST', body })

// --- Profile and security ---

export const updateProfile = (body: ProfileInput) => api<User>('/api/auth/me', { method: 'PATCH', body })

export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  api<void>('/api/auth/change-password', { method: 'POST', body })

export const verifyEmail = (code: string) => api<void>('/api/auth/verify-email', { method: 'POST', body: { code } })

export const resendVerification = () => api<void>('/api/auth/resend-verification', { method: 'POST' })

export const setupTwoFactor = () => api<TwoFactorSetup>('/api/auth/2fa/setup', { method: 'POST' })

export const enableTwoFactor = (code: string) => api<void>('/api/auth/2fa/enable', { method: 'POST', body: { code } })

export const disableTwoFactor = (code: string) => api<void>('/api/auth/2fa/disable', { method: 'POST', body: { code } })

// --- Address book ---

export const listAddresses = async (): Promise<Address[]> => (await api<{ items: Address[] }>('/api/auth/me/addresses')).items

export const createAddress = (body: AddressInput) => api<Address>('/api/auth/me/addresses', { method: 'POST', body })

export const updateAddress = (id: string, body: Partial<AddressInput>) =>
  api<Address>(`/api/auth/me/addresses/${encodeURIComponent(id)}`, { method: 'PATCH', body })

export const deleteAddress = (id: string) => api<void>(`/api/auth/me/addresses/${encodeURIComponent(id)}`, { method: 'DELETE' })

// --- Inbox ---

export const listInbox = (page: number, pageSize: number) =>
  api<Page<InboxMessage>>('/api/notifications', { query: { page, pageSize } })
