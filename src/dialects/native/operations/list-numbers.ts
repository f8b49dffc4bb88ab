import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { pageInventory, type InventoryQuery } from '../../../core/numbers/index.ts'
import { NumberView, numberView, PageOf, PageQuery, pageView } from '../views.ts'

/** `GET /numbers`: the tracking-number inventory, by number. */
export const listNumbers = routeOperation<Core>({
  wireId: 'GET /numbers',
  methods: ['GET'],
  path: '/numbers',
  summary: 'List the number inventory (filters: region with numberType, state, resellerId, customerId)',
  serve: (core) => ({
    schema: {
      querystring: Type.Object({
        region: Type.Optional(Type.String({ minLength: 1, maxLength: 100, examples: ['Australia'] })),
        numberType: Type.Optional(Type.String({ minLength: 1, maxLength: 100, examples: ['1300'] })),
        state: Type.Optional(Type.Union([Type.Literal('free'), Type.Literal('allocated')])),
        resellerId: Type.Optional(Id), customerId: Type.Optional(Id),
        ...PageQuery,
      }, { additionalProperties: false }),
      response: { 200: PageOf(NumberView), '4xx': ErrorBody },
    },
    handler: async (req) => pageView(await pageInventory(core, req.nativeActor, req.query as InventoryQuery), numberView),
  }),
})
