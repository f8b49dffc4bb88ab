import type { Core } from '../../../core/core.ts'
import { createResellerProduct as run, type NewProduct } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ProductCreate, ProductView, productView } from '../product-schema.ts'
import { ErrorBody } from '../schemas.ts'

/** `POST /products`: a main or add-on product of a reseller (the platform admin names it with `resellerId`). */
export const createProduct = routeOperation<Core>({
  wireId: 'POST /products',
  methods: ['POST'],
  path: '/products',
  summary: 'Create a product or add-on',
  serve: (core) => ({
    schema: { body: ProductCreate, response: { 201: ProductView, '4xx': ErrorBody } },
    handler: async (req, reply) => reply.code(201).send(productView(await run(core, req.nativeActor, req.body as NewProduct & { resellerId?: number }))),
  }),
})
