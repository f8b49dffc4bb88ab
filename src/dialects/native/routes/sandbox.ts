import { Type } from 'typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../../core/core.ts'
import { Forbidden } from '../../../core/errors.ts'
import { MAX_MEDIA_BYTES } from '../../../core/messages/index.ts'
import { listSandboxSends } from '../../../core/sandbox/index.ts'
import { receiveInbound, type InboundMessage } from '../../../core/transmissions/index.ts'
import { ErrorBody } from '../schemas.ts'
import { MAX_ID } from '../../../core/ids.ts'

const Id = Type.Integer({ minimum: 1, maximum: MAX_ID })
const BASE64_MAX = Math.ceil(MAX_MEDIA_BYTES / 3) * 4
// One message carries at most 20 MiB of files (base64) plus its text, like a mail server's size limit.
const INBOUND_BODY_LIMIT = BASE64_MAX + 1024 * 1024

/**
 * The sandbox gateway: its log of sends (spec/ictcore.md §5.12) and its inbound entry point (§7.4).
 * The sandbox has no peer to receive from: its inbound messages come in here and go to core as a
 * real gateway's go through the dispatcher.
 */
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
    // Attachments come base64-encoded: 20 MiB of files in all (a larger body → 413).
    bodyLimit: INBOUND_BODY_LIMIT,
    schema: {
      tags: ['native'],
      summary: 'Deliver an inbound SMS, email or fax to the sandbox gateway (runs the subscribed receive program and its child program)',
      body: Type.Object({
        service: Type.Union([Type.Literal('sms'), Type.Literal('email'), Type.Literal('fax')]),
        from: Type.String({ minLength: 1, maxLength: 254 }),
        to: Type.String({ minLength: 1, maxLength: 254 }),
        text: Type.Optional(Type.String({ maxLength: 65_535 })),
        subject: Type.Optional(Type.String({ maxLength: 255 })),
        attachments: Type.Optional(Type.Array(Type.Object({
          type: Type.String({ minLength: 1, maxLength: 255, description: 'MIME type' }),
          content: Type.String({ minLength: 1, maxLength: BASE64_MAX, pattern: '^[A-Za-z0-9+/]*={0,2}$', description: 'the file, base64' }),
        }, { additionalProperties: false }), { maxItems: 10, description: 'email attachments; for a fax, the received document' })),
        pages: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'pages of a received fax (default 1)' })),
        tenantId: Type.Optional(Id),
      }, { additionalProperties: false }),
      response: {
        201: Type.Object({ transmissionId: Type.Integer(), spoolId: Type.Integer(), childTransmissionId: Type.Optional(Type.Integer()) }),
        '4xx': ErrorBody,
      },
    },
  }, async (req, reply) => {
    if (!req.nativeActor.crossTenant) throw new Forbidden('platform_admin')
    const { attachments, ...message } = req.body as Omit<InboundMessage, 'attachments'> & { attachments?: { type: string; content: string }[] }
    const files = attachments?.map((a) => ({ mime: a.type, bytes: Buffer.from(a.content, 'base64') }))
    return reply.code(201).send(await receiveInbound(core, { ...message, ...(files ? { attachments: files } : {}) }))
  })
}
