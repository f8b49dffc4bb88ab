import { startCampaign } from '../../../core/campaigns/index.ts'
import { EmptyBody, TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET, PUT, POST /campaigns/{campaign_id}/start` (spec/ictcore.md §4.6): start or resume a campaign. */
export const startCampaignOp = ictcoreOperation({
  wireId: 'GET, PUT, POST /campaigns/{campaign_id}/start',
  methods: ['GET', 'PUT', 'POST'],
  path: '/campaigns/:campaign_id/start',
  summary: 'Start or resume a campaign',
  serve: {
    body: EmptyBody, reply: TrueReply, errors: [423],
    handler: async ({ core, actor, params }) => {
      await startCampaign(core, actor, params.campaign_id as number)
      return true
    },
  },
})
