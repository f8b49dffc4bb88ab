import { getTransmission } from '../../../core/transmissions/index.ts'
import { transmissionOut, TransmissionWire } from '../resources/transmissions.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /transmissions/{transmission_id}` (spec/ictcore.md §4.3): read a transmission. */
export const getTransmissionOp = ictcoreOperation({
  wireId: 'GET /transmissions/{transmission_id}',
  methods: ['GET'],
  path: '/transmissions/:transmission_id',
  summary: 'Read a transmission',
  serve: {
    reply: TransmissionWire,
    handler: async ({ core, actor, params }) => transmissionOut(await getTransmission(core, actor, params.transmission_id as number)),
  },
})
