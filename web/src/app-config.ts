import { useQuery } from '@tanstack/react-query'
import type { AppConfig } from './api/types.ts'

/** How this shop runs (GET /app-config.json from the gateway); undefined until it answers. */
export function useAppConfig(): AppConfig | undefined {
  return useQuery({
    queryKey: ['catalog', 'app-config'],
    queryFn: async () => {
      const res = await fetch('/app-config.json')
      if (!res.ok) throw new Error('no app config')
      return (await res.json()) as AppConfig
    },
    staleTime: Infinity,
  }).data
}
