import { scheduleCampaign } from '../../../core/schedules/index.ts'
import { ScheduleBody, scheduleIn } from '../resources/transmissions.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST, PUT /campaigns/{campaign_id}/start/schedule` (spec/ictcore.md §4.6): schedule a campaign start. */
export const scheduleCampaignStartOp = ictcoreOperation({
  wireId: 'POST, PUT /campaigns/{campaign_id}/start/schedule',
  methods: ['POST', 'PUT'],
  path: '/campaigns/:campaign_id/start/schedule',
  summary: 'Schedule a campaign start',
  serve: {
    body: ScheduleBody, reply: NewId('schedule_id'),
    handler: async ({ core, actor, params, body }) => scheduleCampaign(core, actor, params.campaign_id as number, 'start', scheduleIn(body)),
  },
})
