import { Type } from 'typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../../core/core.ts'
import { Forbidden } from '../../../core/errors.ts'
import { deliverInbound, listSandboxSends } from '../../../dispatch/index.ts'
import { ErrorBody } from '../schemas.ts'
import { MAX_ID } from '../../../core/ids.ts'

const Id = Type.Integer({ minimum: 1, maximum: MAX_ID })

/** The sandbox gateway: its log of sends (spec/ictcore.md §5.12) and its inbound entry point (§7.4). */
export default async function sandboxRoutes(app: FastifyInstance, core: Core) {
  app.get('/sandbox/sends', {
    schema: {
      tags: ['native'], summary: 'List every send the sandbox gateway received (repeats included), oldest first',
      querystring: Type.Object({
        transmissionId: Type.Optional(Id), spoolId: Type.Optional(Id), campaignId: Type.Optional(Id), tenantId: Type.Optional(Id),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })), offset: Type.Optional(Type.Integer({ minimum: 0 })),
      }, { additionalProperties: false }),
      response: { '4xx': ErrorBody },
    },
  }, async (req) => {
    if (!req.nativeActor.crossTenant) throw new Forbidden('platform_admin')
    const rows = await listSandboxSends(core, req.query as Parameters<typeof listSandboxSends>[1])
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
  })

  app.post('/sandbox/inbound', {
    schema: {
      tags: ['native'], summary: 'Deliver an inbound SMS or email to the sandbox gateway (runs the subscribed receive program)',
      body: Type.Object({
        service: Type.Union([Type.Literal('sms'), Type.Literal('email')]),
        from: Type.String({ minLength: 1, maxLength: 254 }),
        to: Type.String({ minLength: 1, maxLength: 254 }),
        text: Type.Optional(Type.String({ maxLength: 65_535 })),
        subject: Type.Optional(Type.String({ maxLength: 255 })),
        tenantId: Type.Optional(Id),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ transmissionId: Type.Integer(), spoolId: Type.Integer() }), '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    if (!req.nativeActor.crossTenant) throw new Forbidden('platform_admin')
    return reply.code(201).send(await deliverInbound(core, req.body as Parameters<typeof deliverInbound>[1]))
  })
}
