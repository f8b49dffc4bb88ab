import { getProvider } from '../../../core/providers/index.ts'
import { providerOut, ProviderWire } from '../resources/providers.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /providers/{provider_id}` (spec/ictcore.md §4.11): read a provider. */
export const getProviderOp = ictcoreOperation({
  wireId: 'GET /providers/{provider_id}',
  methods: ['GET'],
  path: '/providers/:provider_id',
  summary: 'Read a provider',
  serve: {
    reply: ProviderWire,
    handler: async ({ core, actor, params }) => providerOut(await getProvider(core, actor, params.provider_id as number)),
  },
})
