import { unscheduleTransmission } from '../../../core/schedules/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /transmissions/{transmission_id}/schedule` (spec/ictcore.md §4.3): cancel any automatic send of a transmission. */
export const unscheduleTransmissionOp = ictcoreOperation({
  wireId: 'DELETE /transmissions/{transmission_id}/schedule',
  methods: ['DELETE'],
  path: '/transmissions/:transmission_id/schedule',
  summary: 'Cancel any automatic send of a transmission',
  serve: {
    reply: TrueReply,
    handler: async ({ core, actor, params }) => {
      await unscheduleTransmission(core, actor, params.transmission_id as number)
      return true
    },
  },
})
