import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { addHuntGroupMemberOf as run, type NewHuntGroupMember } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { HuntGroupMemberCreate, HuntGroupView, huntGroupView } from '../hunt-group-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `POST /hunt-groups/:id/members`: adds an account of the group's customer to a hunt group, last in hunt order, with its ring settings. */
export const addHuntGroupMember = routeOperation<Core>({
  wireId: 'POST /hunt-groups/:id/members',
  methods: ['POST'],
  path: '/hunt-groups/:id/members',
  summary: 'Add a service account to a hunt group',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), body: HuntGroupMemberCreate, response: { 201: HuntGroupView, '4xx': ErrorBody } },
    handler: async (req, reply) => reply.code(201).send(huntGroupView(await run(core, req.nativeActor, (req.params as { id: number }).id, req.body as NewHuntGroupMember))),
  }),
})
