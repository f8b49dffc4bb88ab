import { updateCampaign } from '../../../core/campaigns/index.ts'
import { CampaignBody, campaignIn, campaignOut, CampaignWire } from '../resources/campaigns.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /campaigns/{campaign_id}` (spec/ictcore.md §4.6): update a campaign. */
export const updateCampaignOp = ictcoreOperation({
  wireId: 'PUT /campaigns/{campaign_id}',
  methods: ['PUT'],
  path: '/campaigns/:campaign_id',
  summary: 'Update a campaign',
  serve: {
    body: CampaignBody, reply: CampaignWire, errors: [423],
    handler: async ({ core, actor, params, body }) => campaignOut(await updateCampaign(core, actor, params.campaign_id as number, campaignIn(body))),
  },
})
