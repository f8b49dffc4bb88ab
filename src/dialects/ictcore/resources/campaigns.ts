import { Type, type Static } from 'typebox'
import type { CampaignFields, CampaignView } from '../../../core/campaigns/index.ts'
import { bodyOf, ts, wireInt } from '../codec.ts'
import { PROGRAM_TYPE_NAMES } from './programs.ts'
import { Audit, BodyOf, IntIn, Nullable, Timestamp, WireId } from './wire-schemas.ts'

/** Campaign (§5.9). */
export const CampaignWire = Type.Object({
  campaign_id: WireId, program_id: Type.Integer(), group_id: Type.Integer(), account_id: Nullable(Type.Integer()),
  cpm: Type.Integer({ description: 'Transmissions started per minute' }), try_allowed: Type.Integer(),
  status: Type.Enum(['new', 'running', 'paused', 'completed']),
  contact_total: Type.Integer({ description: 'Transmissions created' }), contact_done: Type.Integer({ description: 'Transmissions in a final state' }),
  last_run: Nullable(Timestamp), program_type: Nullable(Type.Enum(PROGRAM_TYPE_NAMES)), ...Audit,
}, {
  description: 'Campaign (§5.9)',
  examples: [{
    campaign_id: 4, program_id: 9, group_id: 2, account_id: 5, cpm: 2, try_allowed: 1, status: 'new', contact_total: 0, contact_done: 0,
    last_run: null, program_type: 'sendsms', user_id: 3, date_created: 1796601600, last_updated: 1796601600,
  }],
})

/** Campaign body (§5.9): `program_id` and `group_id` required on create. */
export const CampaignBody = BodyOf('Campaign (§5.9): POST needs program_id (an outbound program) and group_id', {
  program_id: IntIn('An outbound program', 9), group_id: IntIn('The contact group', 2), account_id: IntIn('Default: the program\'s, else the caller\'s account'),
  cpm: IntIn('1-600 per minute, default 2', 2), try_allowed: IntIn('1-20, default 1', 1),
}, { program_id: 9, group_id: 2, cpm: 10, try_allowed: 2 })

/** Campaign body (§5.9) → core fields; status and counters are read-only. */
export function campaignIn(body: unknown): CampaignFields {
  const b = bodyOf<typeof CampaignBody>(body)
  return { programId: wireInt(b, 'program_id'), groupId: wireInt(b, 'group_id'), accountId: wireInt(b, 'account_id'), cpm: wireInt(b, 'cpm'), tryAllowed: wireInt(b, 'try_allowed') }
}

/** Campaign (§5.9). */
export function campaignOut(c: CampaignView): Static<typeof CampaignWire> {
  return {
    campaign_id: c.id, program_id: c.programId, group_id: c.groupId, account_id: c.accountId, cpm: c.cpm, try_allowed: c.tryAllowed, status: c.status,
    contact_total: c.contactTotal, contact_done: c.contactDone, last_run: ts(c.lastRun), program_type: c.programType,
    user_id: c.userId, date_created: ts(c.createdAt), last_updated: ts(c.updatedAt),
  }
}

/** Campaign list filters (§6): wire key → core filter name. */
export const CAMPAIGN_FILTERS: Record<string, string> = {
  campaign_id: 'id', program_id: 'programId', group_id: 'groupId', account_id: 'accountId', user_id: 'userId', created_by: 'userId', status: 'status', program_type: 'programType',
}
