import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { setProductAddons as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ProductAddons } from '../product-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `PUT /products/:id/addons`: the add-on products a main product allows (replacing the list). */
export const setProductAddons = routeOperation<Core>({
  wireId: 'PUT /products/:id/addons',
  methods: ['PUT'],
  path: '/products/:id/addons',
  summary: 'Set the add-ons a main product allows',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), body: ProductAddons, response: { 200: ProductAddons, '4xx': ErrorBody } },
    handler: async (req) => ({ addonIds: await run(core, req.nativeActor, (req.params as { id: number }).id, (req.body as { addonIds: number[] }).addonIds) }),
  }),
})
