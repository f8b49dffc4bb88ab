import { deleteTransmission } from '../../../core/transmissions/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /transmissions/{transmission_id}` (spec/ictcore.md §4.3): delete a transmission. */
export const deleteTransmissionOp = ictcoreOperation({
  wireId: 'DELETE /transmissions/{transmission_id}',
  methods: ['DELETE'],
  path: '/transmissions/:transmission_id',
  summary: 'Delete a transmission',
  serve: {
    reply: TrueReply, errors: [423],
    handler: async ({ core, actor, params }) => {
      await deleteTransmission(core, actor, params.transmission_id as number)
      return true
    },
  },
})
