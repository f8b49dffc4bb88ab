import { updateTransmission } from '../../../core/transmissions/index.ts'
import { TransmissionBody, transmissionIn, transmissionOut, TransmissionWire } from '../resources/transmissions.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /transmissions/{transmission_id}` (spec/ictcore.md §4.3): update a transmission. */
export const updateTransmissionOp = ictcoreOperation({
  wireId: 'PUT /transmissions/{transmission_id}',
  methods: ['PUT'],
  path: '/transmissions/:transmission_id',
  summary: 'Update a transmission',
  serve: {
    body: TransmissionBody, reply: TransmissionWire, errors: [423],
    handler: async ({ core, actor, params, body }) =>
      transmissionOut(await updateTransmission(core, actor, params.transmission_id as number, transmissionIn(body))),
  },
})
