import { deleteProvider } from '../../../core/providers/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /providers/{provider_id}` (spec/ictcore.md §4.11): delete a provider. */
export const deleteProviderOp = ictcoreOperation({
  wireId: 'DELETE /providers/{provider_id}',
  methods: ['DELETE'],
  path: '/providers/:provider_id',
  summary: 'Delete a provider',
  serve: {
    reply: TrueReply,
    handler: async ({ core, actor, params }) => {
      await deleteProvider(core, actor, params.provider_id as number)
      return true
    },
  },
})
