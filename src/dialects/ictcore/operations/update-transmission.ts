import { updateTransmission } from '../../../core/transmissions/index.ts'
import { transmissionIn, transmissionOut } from '../resources/transmissions.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /transmissions/{transmission_id}` (spec/ictcore.md §4.3): update a transmission. */
export const updateTransmissionOp = ictcoreOperation({
  wireId: 'PUT /transmissions/{transmission_id}',
  methods: ['PUT'],
  path: '/transmissions/:transmission_id',
  summary: 'Update a transmission',
  serve: {
    handler: async ({ core, actor, params, body }) =>
      transmissionOut(await updateTransmission(core, actor, params.transmission_id as number, transmissionIn(body))),
  },
})
