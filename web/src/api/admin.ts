import type { DeliveryStatus, InboxMessage } from './account.ts'
import { api } from './client.ts'
import type { Page, Role, User } from './types.ts'
import { TEMPLATES } from '../../../src/services/notification/notification.format.ts'

/**
 * Admin calls for people and operations: users, notifications, dead letters. The other admin
 * areas live beside this file: admin-catalog.ts, admin-inventory.ts, admin-orders.ts,
 * admin-fulfilment.ts.
 */

/** A user as the admin list shows them: the profile plus whether they may sign in. */
export interface AdminUser extends User {
  active: boolean
}

export const usersKey = ['admin', 'users'] as const

export function listUsers(p: { q?: string; role?: string; page: number }, signal?: AbortSignal): Promise<Page<AdminUser>> {
  return api<Page<AdminUser>>('/api/users', { query: { ...p, pageSize: 20 }, signal })
}

export function updateUser(id: string, body: { role?: Role; active?: boolean }): Promise<AdminUser> {
  return api<AdminUser>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body })
}

// --- notifications ---

export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'sent', 'failed']
/** The notification service's own list of templates. */
export { TEMPLATES }

/** A stored message with its delivery details (what the inbox shows, and who it went to and how delivery went). */
export interface AdminNotification extends InboxMessage {
  recipient: string
  userId: string | null
  attempts: number
  lastError: string | null
  nextAttemptAt: string | null
  providerMessageId: string | null
  sourceMessageId: string
  updatedAt: string
}

export const notificationsKey = ['admin', 'notifications'] as const

export function listNotifications(
  p: { status?: string; template?: string; recipient?: string; page: number },
  signal?: AbortSignal,
): Promise<Page<AdminNotification>> {
  return api<Page<AdminNotification>>('/api/admin/notifications', { query: { ...p, pageSize: 20 }, signal })
}

export function retryNotification(id: string): Promise<AdminNotification> {
  return api<AdminNotification>(`/api/admin/notifications/${encodeURIComponent(id)}/retry`, { method: 'POST' })
}

// --- dead letters ---

export interface DeadLetter {
  id: string
  service: string
  messageId: string
  type: string
  error: string
  attempts: number
  createdAt: string
  replayedAt: string | null
  envelope: Record<string, unknown>
}

export interface DeadLetterList extends Page<DeadLetter> {
  /** Services that did not answer: their dead letters are missing from `items`. */
  unavailable: string[]
}

export const deadLettersKey = ['admin', 'dead-letters'] as const

export function listDeadLetters(includeReplayed: boolean, signal?: AbortSignal): Promise<DeadLetterList> {
  return api<DeadLetterList>('/api/admin/dead-letters', { query: { includeReplayed: includeReplayed ? 'true' : undefined }, signal })
}

export function replayDeadLetter(id: string): Promise<DeadLetter> {
  return api<DeadLetter>(`/api/admin/dead-letters/${encodeURIComponent(id)}/replay`, { method: 'POST' })
}
