import { cloneTransmission } from '../../../core/transmissions/index.ts'
import { EmptyBody, NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET, POST /transmissions/{transmission_id}/clone` (spec/ictcore.md §4.3): clone a transmission. */
export const cloneTransmissionOp = ictcoreOperation({
  wireId: 'GET, POST /transmissions/{transmission_id}/clone',
  methods: ['GET', 'POST'],
  path: '/transmissions/:transmission_id/clone',
  summary: 'Clone a transmission',
  serve: {
    body: EmptyBody, reply: NewId('new transmission_id'),
    handler: async ({ core, actor, params }) => cloneTransmission(core, actor, params.transmission_id as number),
  },
})
