import { createProvider } from '../../../core/providers/index.ts'
import { ProviderBody, providerIn } from '../resources/providers.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /providers` (spec/ictcore.md §4.11): create a provider. */
export const createProviderOp = ictcoreOperation({
  wireId: 'POST /providers',
  methods: ['POST'],
  path: '/providers',
  summary: 'Create a provider',
  serve: {
    body: ProviderBody, reply: NewId('provider_id'),
    handler: async ({ core, actor, body }) => createProvider(core, actor, providerIn(body)),
  },
})
