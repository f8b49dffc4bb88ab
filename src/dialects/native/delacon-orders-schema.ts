import { Type } from 'typebox'
import type { OrderDetail, OrderView } from '../../core/call-tracking/index.ts'

// The native API's view of Delacon number orders (spec/delacon.md §4, §9): schemas and rendering,
// shared by the order routes.

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

export const OrderBody = Type.Object({
  id: Type.Integer({ description: 'OrderId' }),
  resellerId: Type.Integer(),
  companyId: Nullable(Type.Integer({ description: 'CID; null for a new customer whose order failed' })),
  quantity: Type.Integer(),
  status: Type.Union([Type.Literal('OK'), Type.Literal('WAIT'), Type.Literal('FAIL')]),
  failReason: Nullable(Type.Union([Type.Literal('no stock'), Type.Literal('timeout'), Type.Literal('operator')])),
  numbers: Type.Array(Type.String(), { description: 'allocated numbers, ascending' }),
  orderSummaryEmail: Nullable(Type.String()),
  summaryTransmissionId: Nullable(Type.Integer({ description: 'the order-summary email (a transmission of the email channel)' })),
  callbackStatus: Type.Union([Type.Literal('none'), Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('failed')]),
  createdAt: Type.String({ format: 'date-time' }),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
})

const Attempt = Type.Object({
  round: Type.Integer({ description: '1, then 2 … after each re-send' }),
  attempt: Type.Integer({ minimum: 1, maximum: 3 }),
  startedAt: Type.String({ format: 'date-time' }),
  url: Type.String(),
  httpStatus: Nullable(Type.Integer()),
  reply: Nullable(Type.String({ description: 'first 2048 bytes of the reply body' })),
  outcome: Type.Union([Type.Literal('accepted'), Type.Literal('rejected'), Type.Literal('error')]),
  error: Nullable(Type.String()),
})

export const OrderDetailBody = Type.Intersect([OrderBody, Type.Object({
  callback: Nullable(Type.Object({
    status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('failed')]),
    url: Type.String(),
    round: Type.Integer(),
    nextAttemptAt: Nullable(Type.String({ format: 'date-time' })),
    attempts: Type.Array(Attempt),
  })),
})], {
  examples: [{
    id: 54, resellerId: 3, companyId: 1000, quantity: 2, status: 'OK', failReason: null, numbers: ['1300123456', '1300123457'],
    orderSummaryEmail: null, summaryTransmissionId: null, callbackStatus: 'accepted', createdAt: '2026-12-07T15:00:00.000Z', completedAt: '2026-12-07T15:10:00.000Z',
    callback: {
      status: 'accepted', url: 'https://partner.example/cb', round: 1, nextAttemptAt: null,
      attempts: [{ round: 1, attempt: 1, startedAt: '2026-12-07T15:10:00.020Z', url: 'https://partner.example/cb', httpStatus: 200, reply: '{"RESULT":"ACCEPTED"}', outcome: 'accepted', error: null }],
    },
  }],
})

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function renderOrder(o: OrderView) {
  return {
    id: o.id, resellerId: o.tenantId, companyId: o.customerId, quantity: o.quantity, status: o.status, failReason: o.failReason, numbers: o.numbers,
    orderSummaryEmail: o.orderSummaryEmail, summaryTransmissionId: o.summaryTransmissionId, callbackStatus: o.callbackStatus,
    createdAt: o.createdAt.toISOString(), completedAt: iso(o.completedAt),
  }
}

export function renderOrderDetail(o: OrderDetail) {
  return {
    ...renderOrder(o),
    callback: o.callback && {
      ...o.callback, nextAttemptAt: iso(o.callback.nextAttemptAt),
      attempts: o.callback.attempts.map((a) => ({ ...a, startedAt: a.startedAt.toISOString() })),
    },
  }
}
