import { createProvider } from '../../../core/providers/index.ts'
import { providerIn } from '../resources/providers.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /providers` (spec/ictcore.md §4.11): create a provider. */
export const createProviderOp = ictcoreOperation({
  wireId: 'POST /providers',
  methods: ['POST'],
  path: '/providers',
  summary: 'Create a provider',
  serve: {
    handler: async ({ core, actor, body }) => createProvider(core, actor, providerIn(body)),
  },
})
