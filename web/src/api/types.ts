/** Shapes shared by every screen. Domain shapes live beside their calls (api/<area>.ts). */
export interface Money {
  amount: number
  currency: string
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export type Role = 'customer' | 'admin'

export interface User {
  id: string
  email: string
  firstName: string
  lastName: string
  phone: string | null
  role: Role
  emailVerified: boolean
  twoFactorEnabled: boolean
  createdAt: string
}

export interface AuthAnswer {
  user: User
  accessToken: string
  refreshToken: string
  expiresIn: number
}

/** GET /app-config.json: how this shop runs, for what the screens show (test cards, where codes arrive). */
export interface AppConfig {
  mode: 'embedded' | 'distributed'
  paymentProvider: 'simulator' | 'stripe'
  /** `inbox`: no mail server, so messages (codes included) are only kept in the notification store. */
  mail: 'smtp' | 'inbox'
}
