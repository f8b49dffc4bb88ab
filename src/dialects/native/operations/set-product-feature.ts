import type { Core } from '../../../core/core.ts'
import { setProductFeature as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { FeatureParams, FeatureSettingBody, ProductFeaturesView, featureSettingView } from '../catalog-schema.ts'
import { ErrorBody } from '../schemas.ts'

/** `PUT /products/:id/features/:name`: sets a service feature (on or off, with attributes) on a product; add-ons override the main product, accounts override both. */
export const setProductFeature = routeOperation<Core>({
  wireId: 'PUT /products/:id/features/:name',
  methods: ['PUT'],
  path: '/products/:id/features/:name',
  summary: 'Set a service feature on a product',
  serve: (core) => ({
    schema: { params: FeatureParams, body: FeatureSettingBody, response: { 200: ProductFeaturesView, '4xx': ErrorBody } },
    handler: async (req) => {
      const { id, name } = req.params as { id: number; name: string }
      const b = req.body as { enabled: boolean; attributes?: Record<string, string[]> }
      return { productId: id, features: (await run(core, req.nativeActor, id, { name, enabled: b.enabled, attributes: b.attributes ?? {} })).map(featureSettingView) }
    },
  }),
})
