import {
  createCampaign, deleteCampaign, getCampaign, listCampaigns, startCampaign, stopCampaign, updateCampaign, type CampaignFields, type CampaignView,
} from '../../../core/campaigns/index.ts'
import { cancelCampaignSchedules, scheduleCampaign } from '../../../core/schedules/index.ts'
import type { DialectOptions } from '../../dialect.ts'
import { bodyObject, listQueryIn, ts, wireInt } from '../codec.ts'
import type { IctcoreRouter } from '../router.ts'
import { scheduleIn } from './transmissions.ts'

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

export const CAMPAIGN_FILTERS: Record<string, string> = {
  campaign_id: 'id', program_id: 'programId', group_id: 'groupId', account_id: 'accountId', user_id: 'userId', created_by: 'userId', status: 'status', program_type: 'programType',
}

/** `/campaigns` (spec/ictcore.md §4.6, §7.3). */
export function campaignRoutes(r: IctcoreRouter, { core }: DialectOptions): void {
  r.post('/campaigns', async ({ actor, body }) => createCampaign(core, actor, campaignIn(body)), { summary: 'Create a campaign' })
  r.get('/campaigns', async ({ req, actor, query }) => (await listCampaigns(core, actor, listQueryIn(req, query, CAMPAIGN_FILTERS))).map(campaignOut))
  r.get('/campaigns/:campaign_id', async ({ actor, params }) => campaignOut(await getCampaign(core, actor, params.campaign_id as number)))
  r.put('/campaigns/:campaign_id', async ({ actor, params, body }) => campaignOut(await updateCampaign(core, actor, params.campaign_id as number, campaignIn(body))))
  r.delete('/campaigns/:campaign_id', async ({ actor, params }) => {
    await deleteCampaign(core, actor, params.campaign_id as number)
    return true
  })
  for (const add of [r.get.bind(r), r.put.bind(r), r.post.bind(r)]) {
    add('/campaigns/:campaign_id/start', async ({ actor, params }) => {
      await startCampaign(core, actor, params.campaign_id as number)
      return true
    }, { summary: 'Start or resume a campaign' })
    add('/campaigns/:campaign_id/stop', async ({ actor, params }) => {
      await stopCampaign(core, actor, params.campaign_id as number)
      return true
    }, { summary: 'Pause a campaign' })
  }
  for (const add of [r.post.bind(r), r.put.bind(r)]) {
    for (const action of ['start', 'stop'] as const) {
      add(`/campaigns/:campaign_id/${action}/schedule`, async ({ actor, params, body }) =>
        scheduleCampaign(core, actor, params.campaign_id as number, action, scheduleIn(body)), { summary: `Schedule a campaign ${action}` })
    }
  }
  const cancel = async ({ actor, params }: { actor: Parameters<typeof cancelCampaignSchedules>[1]; params: Record<string, string | number> }) => {
    await cancelCampaignSchedules(core, actor, params.campaign_id as number)
    return true
  }
  r.delete('/campaigns/:campaign_id/schedule', cancel)
  r.post('/campaigns/:campaign_id/schedule', cancel)
  r.delete('/campaigns/:campaign_id/schedule/cancel', cancel)
}
