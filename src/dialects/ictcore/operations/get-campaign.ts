import { getCampaign } from '../../../core/campaigns/index.ts'
import { campaignOut, CampaignWire } from '../resources/campaigns.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /campaigns/{campaign_id}` (spec/ictcore.md §4.6): read a campaign. */
export const getCampaignOp = ictcoreOperation({
  wireId: 'GET /campaigns/{campaign_id}',
  methods: ['GET'],
  path: '/campaigns/:campaign_id',
  summary: 'Read a campaign',
  serve: {
    reply: CampaignWire,
    handler: async ({ core, actor, params }) => campaignOut(await getCampaign(core, actor, params.campaign_id as number)),
  },
})
