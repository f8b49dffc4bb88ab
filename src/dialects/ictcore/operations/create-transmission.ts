import { createTransmission } from '../../../core/transmissions/index.ts'
import { TransmissionBody, transmissionIn } from '../resources/transmissions.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /transmissions` (spec/ictcore.md §4.3): create a transmission. */
export const createTransmissionOp = ictcoreOperation({
  wireId: 'POST /transmissions',
  methods: ['POST'],
  path: '/transmissions',
  summary: 'Create a transmission',
  serve: {
    body: TransmissionBody, reply: NewId('transmission_id'),
    handler: async ({ core, actor, body }) => createTransmission(core, actor, transmissionIn(body)),
  },
})
