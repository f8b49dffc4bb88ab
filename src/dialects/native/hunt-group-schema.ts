import { Type } from 'typebox'
import type { ResellerHuntGroup } from '../../core/products/index.ts'
import { Id } from './schemas.ts'

// The native API's view of hunt groups (spec/porta.md §10 HuntGroupInfo / HuntGroupExtension): hunt
// settings and members in hunt order with their ring settings.

const Sequence = Type.Union(['Order', 'Simultaneous', 'Random', 'Least Used'].map((s) => Type.Literal(s)), { description: 'hunt_sequence' })
const Number_ = Type.String({ pattern: '^[0-9]{1,15}$', description: 'the group\'s number (id)' })

const MemberView = Type.Object({
  id: Type.Integer({ description: 'i_cg_ext' }), accountId: Type.Integer(), extensionNumber: Type.Union([Type.String(), Type.Null()]),
  huntOrder: Type.Integer({ description: '1-based' }), delaySeconds: Type.Integer(), timeoutSeconds: Type.Integer(),
  active: Type.Boolean(), huntstop: Type.Boolean(), primaryGroup: Type.Boolean(),
})

export const HuntGroupView = Type.Object({
  id: Type.Integer({ description: 'i_c_group' }), resellerId: Type.Integer(), customerId: Type.Integer(), name: Type.String(), number: Type.String(),
  sequence: Sequence, keepOriginalCli: Type.Boolean(), active: Type.Boolean(), pickupAllowed: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }), members: Type.Array(MemberView),
}, { examples: [{
  id: 3, resellerId: 2, customerId: 5, name: 'Sales', number: '300', sequence: 'Order', keepOriginalCli: false, active: true, pickupAllowed: true,
  createdAt: '2026-12-07T10:00:00.000Z',
  members: [{ id: 1, accountId: 12, extensionNumber: '201', huntOrder: 1, delaySeconds: 0, timeoutSeconds: 20, active: true, huntstop: false, primaryGroup: true }],
}] })

export function huntGroupView(g: ResellerHuntGroup) {
  return {
    id: g.id, resellerId: g.resellerId, customerId: g.customerId, name: g.name, number: g.number, sequence: g.sequence, keepOriginalCli: g.keepOriginalCli,
    active: g.active, pickupAllowed: g.pickupAllowed, createdAt: g.createdAt.toISOString(),
    members: g.members.map((m) => ({
      id: m.id, accountId: m.accountId, extensionNumber: m.extensionNumber, huntOrder: m.huntOrder, delaySeconds: m.delaySeconds,
      timeoutSeconds: m.timeoutSeconds, active: m.active, huntstop: m.huntstop, primaryGroup: m.primaryGroup,
    })),
  }
}

const settings = {
  sequence: Type.Optional(Sequence),
  keepOriginalCli: Type.Optional(Type.Boolean({ description: 'hunt_keep_original_cli' })),
  active: Type.Optional(Type.Boolean({ description: 'hunt_active' })),
  pickupAllowed: Type.Optional(Type.Boolean({ description: 'pickup_allowed' })),
}

/** The body of `POST /hunt-groups`. */
export const HuntGroupCreate = Type.Object({ customerId: Id, name: Type.String({ minLength: 1, maxLength: 255 }), number: Number_, ...settings },
  { additionalProperties: false, examples: [{ customerId: 5, name: 'Sales', number: '300', sequence: 'Simultaneous', pickupAllowed: true }] })

/** The body of `PATCH /hunt-groups/:id` (absent = unchanged). */
export const HuntGroupChange = Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })), number: Type.Optional(Number_), ...settings },
  { additionalProperties: false, examples: [{ sequence: 'Random', active: false }] })

/** The body of `POST /hunt-groups/:id/members`. */
export const HuntGroupMemberCreate = Type.Object({
  accountId: Id,
  delaySeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600, description: 'hunt_delay' })),
  timeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600, description: 'hunt_expire' })),
  active: Type.Optional(Type.Boolean()), huntstop: Type.Optional(Type.Boolean()), primaryGroup: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, examples: [{ accountId: 12, timeoutSeconds: 20, primaryGroup: true }] })
