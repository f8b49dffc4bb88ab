import { sendTransmission } from '../../../core/transmissions/index.ts'
import { EmptyBody, NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /transmissions/{transmission_id}/retry` (spec/ictcore.md §4.3): retry a failed transmission. */
export const retryTransmissionOp = ictcoreOperation({
  wireId: 'POST /transmissions/{transmission_id}/retry',
  methods: ['POST'],
  path: '/transmissions/:transmission_id/retry',
  summary: 'Retry a failed transmission',
  serve: {
    body: EmptyBody, reply: NewId('spool_id'), errors: [423],
    handler: async ({ core, actor, params }) => sendTransmission(core, actor, params.transmission_id as number, 'retry'),
  },
})
