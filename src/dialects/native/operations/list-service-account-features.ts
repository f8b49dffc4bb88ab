import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { serviceAccountFeatures as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { AccountFeaturesView, effectiveFeatureView, featureSettingView } from '../catalog-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `GET /service-accounts/:id/features`: an account's own feature settings and its effective features (account over add-ons over product). */
export const listServiceAccountFeatures = routeOperation<Core>({
  wireId: 'GET /service-accounts/:id/features',
  methods: ['GET'],
  path: '/service-accounts/:id/features',
  summary: 'List a service account\'s features',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: AccountFeaturesView, '4xx': ErrorBody } },
    handler: async (req) => {
      const { id } = req.params as { id: number }
      const f = await run(core, req.nativeActor, id)
      return { accountId: id, own: f.own.map(featureSettingView), effective: f.effective.map(effectiveFeatureView) }
    },
  }),
})
