import { cancelCampaignSchedules } from '../../../core/schedules/index.ts'
import { EmptyBody, TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE, POST /campaigns/{campaign_id}/schedule` (spec/ictcore.md §4.6): cancel every start and stop schedule of a campaign. */
export const cancelCampaignSchedulesOp = ictcoreOperation({
  wireId: 'DELETE, POST /campaigns/{campaign_id}/schedule',
  methods: ['DELETE', 'POST'],
  path: '/campaigns/:campaign_id/schedule',
  summary: 'Cancel every start and stop schedule of a campaign',
  serve: {
    body: EmptyBody, reply: TrueReply,
    handler: async ({ core, actor, params }) => {
      await cancelCampaignSchedules(core, actor, params.campaign_id as number)
      return true
    },
  },
})
