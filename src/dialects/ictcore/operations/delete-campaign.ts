import { deleteCampaign } from '../../../core/campaigns/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /campaigns/{campaign_id}` (spec/ictcore.md §4.6): delete a campaign. */
export const deleteCampaignOp = ictcoreOperation({
  wireId: 'DELETE /campaigns/{campaign_id}',
  methods: ['DELETE'],
  path: '/campaigns/:campaign_id',
  summary: 'Delete a campaign',
  serve: {
    reply: TrueReply, errors: [423],
    handler: async ({ core, actor, params }) => {
      await deleteCampaign(core, actor, params.campaign_id as number)
      return true
    },
  },
})
