import type { Core } from '../../../core/core.ts'
import { setServiceAccountFeature as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { AccountFeaturesView, FeatureParams, FeatureSettingBody, effectiveFeatureView, featureSettingView } from '../catalog-schema.ts'
import { ErrorBody } from '../schemas.ts'

/** `PUT /service-accounts/:id/features/:name`: sets a service feature on an account, overriding its product and add-ons. */
export const setServiceAccountFeature = routeOperation<Core>({
  wireId: 'PUT /service-accounts/:id/features/:name',
  methods: ['PUT'],
  path: '/service-accounts/:id/features/:name',
  summary: 'Set a service feature on a service account',
  serve: (core) => ({
    schema: { params: FeatureParams, body: FeatureSettingBody, response: { 200: AccountFeaturesView, '4xx': ErrorBody } },
    handler: async (req) => {
      const { id, name } = req.params as { id: number; name: string }
      const b = req.body as { enabled: boolean; attributes?: Record<string, string[]> }
      const f = await run(core, req.nativeActor, id, { name, enabled: b.enabled, attributes: b.attributes ?? {} })
      return { accountId: id, own: f.own.map(featureSettingView), effective: f.effective.map(effectiveFeatureView) }
    },
  }),
})
