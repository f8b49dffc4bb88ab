import { Invalid } from '../../../core/errors.ts'
import { updateProvider } from '../../../core/providers/index.ts'
import { ProviderBody, providerIn, providerOut, ProviderWire } from '../resources/providers.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /providers/{provider_id}` (spec/ictcore.md §4.11): update a provider. */
export const updateProviderOp = ictcoreOperation({
  wireId: 'PUT /providers/{provider_id}',
  methods: ['PUT'],
  path: '/providers/:provider_id',
  summary: 'Update a provider',
  serve: {
    body: ProviderBody, reply: ProviderWire,
    handler: async ({ core, actor, params, body }) => {
      const input = providerIn(body)
      if (input.type === null) throw new Invalid('type', 'is required', 'required')
      return providerOut(await updateProvider(core, actor, params.provider_id as number, input))
    },
  },
})
