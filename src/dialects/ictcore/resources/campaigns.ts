import type { CampaignFields, CampaignView } from '../../../core/campaigns/index.ts'
import { bodyObject, ts, wireInt } from '../codec.ts'

/** Campaign body (§5.9) → core fields; status and counters are read-only. */
export function campaignIn(body: unknown): CampaignFields {
  const b = bodyObject(body)
  return { programId: wireInt(b, 'program_id'), groupId: wireInt(b, 'group_id'), accountId: wireInt(b, 'account_id'), cpm: wireInt(b, 'cpm'), tryAllowed: wireInt(b, 'try_allowed') }
}

/** Campaign (§5.9). */
export function campaignOut(c: CampaignView) {
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
