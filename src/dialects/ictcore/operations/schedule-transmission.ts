import { scheduleTransmission } from '../../../core/schedules/index.ts'
import { scheduleIn } from '../resources/transmissions.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT, POST /transmissions/{transmission_id}/schedule` (spec/ictcore.md §4.3): schedule a send. */
export const scheduleTransmissionOp = ictcoreOperation({
  wireId: 'PUT, POST /transmissions/{transmission_id}/schedule',
  methods: ['PUT', 'POST'],
  path: '/transmissions/:transmission_id/schedule',
  summary: 'Schedule a send',
  serve: {
    handler: async ({ core, actor, params, body }) => scheduleTransmission(core, actor, params.transmission_id as number, scheduleIn(body)),
  },
})
