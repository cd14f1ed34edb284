import { z } from 'zod'

/** A message that exhausted its retries in one service, as admins list and replay it. */
export const DeadLetterDto = z.object({
  id: z.uuid(),
  service: z.string(),
  messageId: z.uuid(),
  type: z.string(),
  error: z.string(),
  attempts: z.number().int(),
  createdAt: z.string(),
  replayedAt: z.string().nullable(),
  envelope: z.record(z.string(), z.unknown()),
})
export type DeadLetterDto = z.infer<typeof DeadLetterDto>
