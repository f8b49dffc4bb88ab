import type { FastifyInstance } from 'fastify'
import type { Core } from '../../../core/core.ts'
import { findRegion } from '../../../core/numbers/index.ts'
import { delaconAuth } from '../auth.ts'
import { sendEnvelope, sendJson, singleSegment, tailOf } from '../codec.ts'

const PATH = '/rest/config/getnumbertypes/*'

/** `getnumbertypes/{location}` (spec/delacon.md §7): the static number types of a region. */
export default async function numberTypeRoutes(app: FastifyInstance, core: Core): Promise<void> {
  app.route({
    method: ['GET', 'POST'],
    url: PATH,
    exposeHeadRoute: false,
    onRequest: [singleSegment, delaconAuth(core)],
    schema: { summary: 'Number types of a region (Delacon getnumbertypes/{location})', tags: ['delacon'] },
    handler: async (req, reply) => {
      const location = tailOf(req)
      const region = findRegion(location)
      if (!region) return sendEnvelope(reply, { RESULT: 'FAIL', MESSAGE: `Unknown location: ${location}` })
      return sendJson(reply, 200, JSON.stringify({
        Region: region.code,
        NumberTypes: region.numberTypes.map((t) => ({ desc: t.desc, key: t.key })),
      }))
    },
  })
}
