import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { productFeatureSettings as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ProductFeaturesView, featureSettingView } from '../catalog-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `GET /products/:id/features`: the service features a main or add-on product sets, by name. */
export const listProductFeatures = routeOperation<Core>({
  wireId: 'GET /products/:id/features',
  methods: ['GET'],
  path: '/products/:id/features',
  summary: 'List the service features a product sets',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: ProductFeaturesView, '4xx': ErrorBody } },
    handler: async (req) => {
      const { id } = req.params as { id: number }
      return { productId: id, features: (await run(core, req.nativeActor, id)).map(featureSettingView) }
    },
  }),
})
