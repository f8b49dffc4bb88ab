import type { FastifyInstance } from 'fastify'
import type { Core } from '../../../core/core.ts'
import { findRegion } from '../../../core/numbers/index.ts'
import { delaconAuth } from '../auth.ts'
import { sendEnvelope, sendJson } from '../codec.ts'

const PATH = '/rest/config/getnumbertypes/:location'

/** `getnumbertypes/{location}` (spec/delacon.md §7): the static number types of a region. */
export default async function numberTypeRoutes(app: FastifyInstance, core: Core): Promise<void> {
  app.route({
    method: ['GET', 'POST'],
    url: PATH,
    exposeHeadRoute: false,
    onRequest: delaconAuth(core),
    schema: { summary: 'Number types of a region (Delacon getnumbertypes)', tags: ['delacon'] },
    handler: async (req, reply) => {
      const location = (req.params as { location: string }).location
      const region = findRegion(location)
      if (!region) return sendEnvelope(reply, { RESULT: 'FAIL', MESSAGE: `Unknown location: ${location}` })
      return sendJson(reply, 200, JSON.stringify({
        Region: region.code,
        NumberTypes: region.numberTypes.map((t) => ({ desc: t.desc, key: t.key })),
      }))
    },
  })
}
