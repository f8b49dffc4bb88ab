import { listProviders } from '../../../core/providers/index.ts'
import { listQueryIn } from '../codec.ts'
import { PROVIDER_FILTERS, providerOut, ProviderWire } from '../resources/providers.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /providers` (spec/ictcore.md §4.11): list providers. */
export const listProvidersOp = ictcoreOperation({
  wireId: 'GET /providers',
  methods: ['GET'],
  path: '/providers',
  summary: 'List providers',
  serve: {
    reply: ListOf(ProviderWire), querystring: ListQuery(PROVIDER_FILTERS),
    handler: async ({ core, req, actor, query }) => (await listProviders(core, actor, listQueryIn(req, query, PROVIDER_FILTERS))).map(providerOut),
  },
})
