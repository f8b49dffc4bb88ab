import type { Core } from '../../../core/core.ts'
import { createCustomerHuntGroup as run, type NewHuntGroup } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { HuntGroupCreate, HuntGroupView, huntGroupView } from '../hunt-group-schema.ts'
import { ErrorBody } from '../schemas.ts'

/** `POST /hunt-groups`: a hunt group of a customer with its hunt settings (members are added with `POST /hunt-groups/:id/members`). */
export const createHuntGroup = routeOperation<Core>({
  wireId: 'POST /hunt-groups',
  methods: ['POST'],
  path: '/hunt-groups',
  summary: 'Create a hunt group of a customer',
  serve: (core) => ({
    schema: { body: HuntGroupCreate, response: { 201: HuntGroupView, '4xx': ErrorBody } },
    handler: async (req, reply) => reply.code(201).send(huntGroupView(await run(core, req.nativeActor, req.body as NewHuntGroup))),
  }),
})
