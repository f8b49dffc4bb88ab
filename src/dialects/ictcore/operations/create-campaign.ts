import { createCampaign } from '../../../core/campaigns/index.ts'
import { CampaignBody, campaignIn } from '../resources/campaigns.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /campaigns` (spec/ictcore.md §4.6): create a campaign. */
export const createCampaignOp = ictcoreOperation({
  wireId: 'POST /campaigns',
  methods: ['POST'],
  path: '/campaigns',
  summary: 'Create a campaign',
  serve: {
    body: CampaignBody, reply: NewId('campaign_id'),
    handler: async ({ core, actor, body }) => createCampaign(core, actor, campaignIn(body)),
  },
})
