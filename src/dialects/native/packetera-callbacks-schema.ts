import { Type, type TSchema } from 'typebox'
import { CALLBACK_STATUSES, type CallbackRequestView } from '../../core/click-to-call/index.ts'

// How the native API shows Packetera callback requests (spec/packetera.md §9 "Record"), with the
// TypeBox schema, so validation, the reply and /docs come from one place.

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
const Time = Type.String({ format: 'date-time', examples: ['2026-12-07T10:00:00.000Z'] })
const iso = (d: Date | null) => (d ? d.toISOString() : null)

export const CallbackStatusParam = Type.Union(CALLBACK_STATUSES.map((s) => Type.Literal(s)), { description: 'requested, calling_member, bridging, completed or failed' })

export const CallbackRequestBody = Type.Object({
  requestId: Type.String({ format: 'uuid' }),
  buttonGuid: Type.String(),
  memberId: Type.Integer(),
  memberPhone: Type.String(),
  visitorPhone: Type.String(),
  visitorName: Nullable(Type.String()),
  visitorIp: Type.String(),
  userAgent: Nullable(Type.String()),
  status: CallbackStatusParam,
  failureReason: Nullable(Type.String({ description: 'member_no_answer, member_busy, visitor_no_answer, visitor_busy, call_error or expired' })),
  transmissionId: Type.Integer({ description: 'The ICTCore transmission of its calls' }),
  createdAt: Time,
  memberAnsweredAt: Nullable(Time),
  visitorAnsweredAt: Nullable(Time),
  endedAt: Nullable(Time),
  durationSeconds: Nullable(Type.Integer({ description: 'Bridged time' })),
}, {
  examples: [{
    requestId: '3b241101-e2bb-4255-8caf-4136c566a962', buttonGuid: 'E633AC9D-B56F-4BE9-9EB6-F703E429C738', memberId: 1001,
    memberPhone: '+15550100001', visitorPhone: '+442079460958', visitorName: 'Ada', visitorIp: '203.0.113.7', userAgent: 'Mozilla/5.0',
    status: 'completed', failureReason: null, transmissionId: 42, createdAt: '2026-12-07T10:00:00.000Z', memberAnsweredAt: '2026-12-07T10:00:05.000Z',
    visitorAnsweredAt: '2026-12-07T10:00:12.000Z', endedAt: '2026-12-07T10:03:12.000Z', durationSeconds: 180,
  }],
})

export function renderCallbackRequest(r: CallbackRequestView) {
  return {
    requestId: r.requestId, buttonGuid: r.buttonGuid, memberId: r.memberId, memberPhone: r.memberPhone, visitorPhone: r.visitorPhone,
    visitorName: r.visitorName, visitorIp: r.visitorIp, userAgent: r.userAgent, status: r.status, failureReason: r.failureReason,
    transmissionId: r.transmissionId, createdAt: r.createdAt.toISOString(), memberAnsweredAt: iso(r.memberAnsweredAt),
    visitorAnsweredAt: iso(r.visitorAnsweredAt), endedAt: iso(r.endedAt), durationSeconds: r.durationSeconds,
  }
}
