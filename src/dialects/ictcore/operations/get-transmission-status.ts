import { transmissionStatus } from '../../../core/transmissions/index.ts'
import { StatusReply } from '../resources/wire-schemas.ts'
import { TRANSMISSION_STATES } from '../resources/transmissions.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /transmissions/{transmission_id}/status` (spec/ictcore.md §4.8): status of a transmission. */
export const getTransmissionStatusOp = ictcoreOperation({
  wireId: 'GET /transmissions/{transmission_id}/status',
  methods: ['GET'],
  path: '/transmissions/:transmission_id/status',
  summary: 'Status of a transmission',
  serve: {
    reply: StatusReply(TRANSMISSION_STATES),
    handler: async ({ core, actor, params }) => transmissionStatus(core, actor, params.transmission_id as number),
  },
})
