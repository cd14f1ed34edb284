import { useQuery, useQueryClient } from '@tanstack/react-query'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import { api } from './api/client.ts'
import { ApiError } from './api/problem.ts'
import { session } from './api/session.ts'
import type { AuthAnswer, User } from './api/types.ts'

export interface RegisterInput {
  email: string
  password: string
  firstName: string
  lastName: string
  phone?: string
}

interface Auth {
  /** The signed-in person, once known. */
  user: User | undefined
  /** True while a stored session is being checked. */
  loading: boolean
  signIn(email: string, password: string, totp?: string): Promise<User>
  register(input: RegisterInput): Promise<User>
  signOut(): Promise<void>
}

const AuthContext = createContext<Auth | undefined>(undefined)

export const ME_KEY = ['me'] as const

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient()
  const signedIn = useSyncExternalStore(session.subscribe, session.signedIn)
  const me = useQuery({ queryKey: ME_KEY, queryFn: () => api<User>('/api/auth/me'), enabled: signedIn, staleTime: 60_000, retry: false })

  // A session that ends (sign-out, or a refresh refused) forgets everything personal. Only on
  // that change: clearing at the first render would cancel the queries children just started.
  const wasSignedIn = useRef(signedIn)
  useEffect(() => {
    if (wasSignedIn.current && !signedIn) queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'catalog' })
    wasSignedIn.current = signedIn
  }, [signedIn, queryClient])

  const begin = useCallback(
    async (answer: AuthAnswer): Promise<User> => {
      session.store(answer)
      await mergeGuestCart()
      queryClient.setQueryData(ME_KEY, answer.user)
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'catalog' && q.queryKey[0] !== ME_KEY[0] })
      return answer.user
    },
    [queryClient],
  )

  const value = useMemo<Auth>(
    () => ({
      user: signedIn ? me.data : undefined,
      loading: signedIn && me.isPending,
      signIn: async (email, password, totp) =>
        begin(await api<AuthAnswer>('/api/auth/login', { method: 'POST', body: { email, password, ...(totp ? { totp } : {}) } })),
      register: async (input) => begin(await api<AuthAnswer>('/api/auth/register', { method: 'POST', body: input })),
      signOut: async () => {
        const refreshToken = session.refreshToken()
        try {
          if (refreshToken) await api('/api/auth/logout', { method: 'POST', body: { refreshToken } })
        } finally {
          session.clear()
          queryClient.clear()
        }
      },
    }),
    [signedIn, me.data, me.isPending, begin, queryClient],
  )
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext)
  if (!auth) throw new Error('useAuth outside AuthProvider')
  return auth
}

/** The guest's cart joins the customer's at sign-in; the guest cart id is then forgotten. */
async function mergeGuestCart(): Promise<void> {
  const cartId = session.guestCartId()
  if (!cartId) return
  try {
    await api('/api/cart/merge', { method: 'POST', body: { cartId } })
  } catch (err) {
    // Kept for the next sign-in when the shop could not answer; a 4xx (a cart that expired
    // or merged already) leaves nothing to merge.
    if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500) return
  }
  session.setGuestCartId(undefined)
}
