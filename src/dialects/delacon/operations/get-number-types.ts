import type { Core } from '../../../core/core.ts'
import { findRegion } from '../../../core/numbers/index.ts'
import { routeOperation } from '../../operation.ts'
import { delaconAuth } from '../auth.ts'
import { sendEnvelope, sendJson, singleSegment, tailOf } from '../codec.ts'
import { ERROR_REPLIES, namedTail, NumberTypesReply } from '../wire-schemas.ts'

/** `getnumbertypes/{location}` (spec/delacon.md §7): the static number types of a region. */
export const getNumberTypes = routeOperation<Core>({
  wireId: 'getnumbertypes',
  methods: ['GET', 'POST'],
  path: '/rest/config/getnumbertypes/*',
  summary: 'Number types of a region (Delacon getnumbertypes/{location})',
  serve: (core) => ({
    exposeHeadRoute: false,
    schema: { response: { 200: NumberTypesReply, ...ERROR_REPLIES } },
    config: namedTail('location', 'A region code or locale (AU, en-au, GB, …)'),
    onRequest: [singleSegment, delaconAuth(core)],
    handler: async (req, reply) => {
      const location = tailOf(req)
      const region = findRegion(location)
      if (!region) return sendEnvelope(reply, { RESULT: 'FAIL', MESSAGE: `Unknown location: ${location}` })
      return sendJson(reply, 200, JSON.stringify({
        Region: region.code,
        NumberTypes: region.numberTypes.map((t) => ({ desc: t.desc, key: t.key })),
      }))
    },
  }),
})
