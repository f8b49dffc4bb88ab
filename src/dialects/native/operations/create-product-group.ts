import type { Core } from '../../../core/core.ts'
import { createResellerProductGroup as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ProductGroupCreate, ProductGroupView, productGroupView } from '../catalog-schema.ts'
import { ErrorBody } from '../schemas.ts'

/** `POST /product-groups`: a product group of a reseller (the platform admin names it with `resellerId`). */
export const createProductGroup = routeOperation<Core>({
  wireId: 'POST /product-groups',
  methods: ['POST'],
  path: '/product-groups',
  summary: 'Create a product group',
  serve: (core) => ({
    schema: { body: ProductGroupCreate, response: { 201: ProductGroupView, '4xx': ErrorBody } },
    handler: async (req, reply) => reply.code(201).send(productGroupView(await run(core, req.nativeActor, req.body as { resellerId?: number; name: string }))),
  }),
})
