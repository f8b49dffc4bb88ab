import { sendTransmission } from '../../../core/transmissions/index.ts'
import { EmptyBody, NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /transmissions/{transmission_id}/send` (spec/ictcore.md §4.3): send now. */
export const sendTransmissionOp = ictcoreOperation({
  wireId: 'POST /transmissions/{transmission_id}/send',
  methods: ['POST'],
  path: '/transmissions/:transmission_id/send',
  summary: 'Send now',
  serve: {
    body: EmptyBody, reply: NewId('spool_id'), errors: [423],
    handler: async ({ core, actor, params }) => sendTransmission(core, actor, params.transmission_id as number, 'send'),
  },
})
