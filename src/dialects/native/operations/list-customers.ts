import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { pageCustomers, type CustomerListQuery } from '../../../core/customers/index.ts'
import { CustomerView, customerView, PageOf, PageQuery, pageView } from '../views.ts'

/** `GET /customers`: customers by id, filtered by reseller, status and a search text. */
export const listCustomers = routeOperation<Core>({
  wireId: 'GET /customers',
  methods: ['GET'],
  path: '/customers',
  summary: "List customers (a reseller administrator: its own; the platform admin: all or one reseller's)",
  serve: (core) => ({
    schema: {
      querystring: Type.Object({
        resellerId: Type.Optional(Id),
        status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended')])),
        search: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Part of the name, company or login' })),
        ...PageQuery,
      }, { additionalProperties: false }),
      response: { 200: PageOf(CustomerView), '4xx': ErrorBody },
    },
    handler: async (req) => pageView(await pageCustomers(core, req.nativeActor, req.query as CustomerListQuery), customerView),
  }),
})
