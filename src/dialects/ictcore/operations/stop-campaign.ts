import { stopCampaign } from '../../../core/campaigns/index.ts'
import { EmptyBody, TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET, PUT, POST /campaigns/{campaign_id}/stop` (spec/ictcore.md §4.6): pause a campaign. */
export const stopCampaignOp = ictcoreOperation({
  wireId: 'GET, PUT, POST /campaigns/{campaign_id}/stop',
  methods: ['GET', 'PUT', 'POST'],
  path: '/campaigns/:campaign_id/stop',
  summary: 'Pause a campaign',
  serve: {
    body: EmptyBody, reply: TrueReply, errors: [423],
    handler: async ({ core, actor, params }) => {
      await stopCampaign(core, actor, params.campaign_id as number)
      return true
    },
  },
})
