import { scheduleTransmission } from '../../../core/schedules/index.ts'
import { ScheduleBody, scheduleIn } from '../resources/transmissions.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT, POST /transmissions/{transmission_id}/schedule` (spec/ictcore.md §4.3): schedule a send. */
export const scheduleTransmissionOp = ictcoreOperation({
  wireId: 'PUT, POST /transmissions/{transmission_id}/schedule',
  methods: ['PUT', 'POST'],
  path: '/transmissions/:transmission_id/schedule',
  summary: 'Schedule a send',
  serve: {
    body: ScheduleBody, reply: NewId('schedule_id'), errors: [423],
    handler: async ({ core, actor, params, body }) => scheduleTransmission(core, actor, params.transmission_id as number, scheduleIn(body)),
  },
})
