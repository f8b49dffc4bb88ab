import { listCampaigns } from '../../../core/campaigns/index.ts'
import { listQueryIn } from '../codec.ts'
import { CAMPAIGN_FILTERS, campaignOut, CampaignWire } from '../resources/campaigns.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /campaigns` (spec/ictcore.md §4.6): list campaigns. */
export const listCampaignsOp = ictcoreOperation({
  wireId: 'GET /campaigns',
  methods: ['GET'],
  path: '/campaigns',
  summary: 'List campaigns',
  serve: {
    reply: ListOf(CampaignWire), querystring: ListQuery(CAMPAIGN_FILTERS),
    handler: async ({ core, req, actor, query }) => (await listCampaigns(core, actor, listQueryIn(req, query, CAMPAIGN_FILTERS))).map(campaignOut),
  },
})
