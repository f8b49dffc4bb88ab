import type { Core } from '../../../core/core.ts'
import { createCustomerServiceAccount as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody } from '../schemas.ts'
import { ServiceAccountCreate, ServiceAccountView, newServiceAccount, serviceAccountView, type ServiceAccountCreateBody } from '../service-account-schema.ts'

/** `POST /service-accounts`: a SIP, DID (a free number of the inventory), alias (of a master account) or voucher account of a customer, with its billing. */
export const createServiceAccount = routeOperation<Core>({
  wireId: 'POST /service-accounts',
  methods: ['POST'],
  path: '/service-accounts',
  summary: 'Create a SIP, DID, alias or voucher account of a customer',
  serve: (core) => ({
    schema: { body: ServiceAccountCreate, response: { 201: ServiceAccountView, '4xx': ErrorBody } },
    handler: async (req, reply) => reply.code(201).send(serviceAccountView(await run(core, req.nativeActor, newServiceAccount(req.body as ServiceAccountCreateBody)))),
  }),
})
