import { z } from 'zod'
import { bearerSecurity, requireUser, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { PageQuery, pageOf } from '../../platform/pagination.ts'
import type { ServiceContext } from '../../platform/service.ts'
import { listForUser } from './notification.repo.ts'

const NotificationDto = z.object({
  id: z.uuid(),
  channel: z.string(),
  template: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.string(),
  sentAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
})

export function notificationRoutes(app: App, ctx: ServiceContext): void {
  app.get(
    '/api/notifications',
    {
      preHandler: requireUser,
      schema: {
        tags: ['notifications'],
        summary: 'Messages sent to the caller, newest first',
        security: bearerSecurity,
        querystring: PageQuery,
        response: { 200: z.object({ items: z.array(NotificationDto), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
      },
    },
    async (req) => {
      const page = pageOf(req.query)
      const { rows, total } = await listForUser(ctx.db, userOf(req).id, page)
      return {
        items: rows.map((r) => ({
          id: r.id,
          channel: r.channel,
          template: r.template,
          subject: r.subject,
          body: r.body,
          status: r.status,
          sentAt: r.sentAt?.toISOString() ?? null,
          createdAt: r.createdAt.toISOString(),
        })),
        total,
        page: page.page,
        pageSize: page.pageSize,
      }
    },
  )
}
