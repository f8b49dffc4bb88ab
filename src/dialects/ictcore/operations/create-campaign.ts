import { createCampaign } from '../../../core/campaigns/index.ts'
import { campaignIn } from '../resources/campaigns.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /campaigns` (spec/ictcore.md §4.6): create a campaign. */
export const createCampaignOp = ictcoreOperation({
  wireId: 'POST /campaigns',
  methods: ['POST'],
  path: '/campaigns',
  summary: 'Create a campaign',
  serve: {
    handler: async ({ core, actor, body }) => createCampaign(core, actor, campaignIn(body)),
  },
})
