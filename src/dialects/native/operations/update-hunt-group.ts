import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { updateHuntGroup as run, type NewHuntGroup } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { HuntGroupChange, HuntGroupView, huntGroupView } from '../hunt-group-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `PATCH /hunt-groups/:id`: changes the fields given: name, number, hunt sequence, keep original CLI, active, pickup allowed. */
export const updateHuntGroup = routeOperation<Core>({
  wireId: 'PATCH /hunt-groups/:id',
  methods: ['PATCH'],
  path: '/hunt-groups/:id',
  summary: 'Change a hunt group\'s name, number or hunt settings',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), body: HuntGroupChange, response: { 200: HuntGroupView, '4xx': ErrorBody } },
    handler: async (req) => huntGroupView(await run(core, req.nativeActor, (req.params as { id: number }).id, req.body as Partial<NewHuntGroup>)),
  }),
})
