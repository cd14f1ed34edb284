import { bearerSecurity, requireAdmin, userOf } from '../../platform/auth.ts'
import type { App } from '../../platform/http.ts'
import { ListOf } from '../../platform/pagination.ts'
import { approveReturn } from './approve-return.ts'
import { DashboardDto, DashboardQuery } from './dashboard.dto.ts'
import { getDashboard } from './get-dashboard.ts'
import { listOrdersForAdmin } from './list-orders.ts'
import { listReturnsForAdmin } from './list-returns.ts'
import type { OrderDeps } from './order.deps.ts'
import { authorizationOf } from './order.routes.ts'
import { AdminListQuery, IdParams, OrderSummaryDto } from './orders.dto.ts'
import { ReturnDto, ReturnListQuery } from './returns.dto.ts'

const security = bearerSecurity

export function adminRoutes(app: App, deps: OrderDeps): void {
  app.get(
    '/api/admin/orders',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['orders'],
        summary: 'Every order, newest first, by status, number or email, and when it was placed',
        security,
        querystring: AdminListQuery,
        response: { 200: ListOf(OrderSummaryDto) },
      },
    },
    async (req) => listOrdersForAdmin(deps, req.query),
  )

  app.get(
    '/api/admin/returns',
    {
      preHandler: requireAdmin,
      schema: { tags: ['returns'], summary: 'Return requests, newest first', security, querystring: ReturnListQuery, response: { 200: ListOf(ReturnDto) } },
    },
    async (req) => listReturnsForAdmin(deps, req.query),
  )

  app.post(
    '/api/admin/returns/:id/approve',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['returns'],
        summary: 'Approve a return: its lines are refunded and restocked; the order becomes returned once every unit is back. 409 if already decided',
        security,
        params: IdParams,
        response: { 200: ReturnDto },
      },
    },
    async (req) => approveReturn(deps, userOf(req), req.params.id),
  )

  app.get(
    '/api/admin/dashboard',
    {
      preHandler: requireAdmin,
      schema: {
        tags: ['dashboard'],
        summary: 'Revenue, order count and average, best sellers, sales per day, recent orders and low stock for a period (default the last 30 days)',
        security,
        querystring: DashboardQuery,
        response: { 200: DashboardDto },
      },
    },
    async (req) => getDashboard(deps, authorizationOf(req), req.query),
  )
}
