import { cancelCampaignSchedules } from '../../../core/schedules/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /campaigns/{campaign_id}/schedule/cancel` (spec/ictcore.md §4.6): cancel every start and stop schedule of a campaign (as ictfax calls it). */
export const cancelCampaignSchedulesIctfaxOp = ictcoreOperation({
  wireId: 'DELETE /campaigns/{campaign_id}/schedule/cancel',
  methods: ['DELETE'],
  path: '/campaigns/:campaign_id/schedule/cancel',
  summary: 'Cancel every start and stop schedule of a campaign (as ictfax calls it)',
  serve: {
    reply: TrueReply,
    handler: async ({ core, actor, params }) => {
      await cancelCampaignSchedules(core, actor, params.campaign_id as number)
      return true
    },
  },
})
