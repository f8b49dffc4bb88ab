import { scheduleCampaign } from '../../../core/schedules/index.ts'
import { ScheduleBody, scheduleIn } from '../resources/transmissions.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST, PUT /campaigns/{campaign_id}/stop/schedule` (spec/ictcore.md §4.6): schedule a campaign stop. */
export const scheduleCampaignStopOp = ictcoreOperation({
  wireId: 'POST, PUT /campaigns/{campaign_id}/stop/schedule',
  methods: ['POST', 'PUT'],
  path: '/campaigns/:campaign_id/stop/schedule',
  summary: 'Schedule a campaign stop',
  serve: {
    body: ScheduleBody, reply: NewId('schedule_id'),
    handler: async ({ core, actor, params, body }) => scheduleCampaign(core, actor, params.campaign_id as number, 'stop', scheduleIn(body)),
  },
})
