import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { Forbidden } from '../../../core/errors.ts'
import { MAX_MEDIA_BYTES } from '../../../core/messages/index.ts'
import { receiveInbound, type InboundMessage } from '../../../core/transmissions/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

const BASE64_MAX = Math.ceil(MAX_MEDIA_BYTES / 3) * 4
// One message carries at most 20 MiB of files (base64) plus its text, like a mail server's size limit.
const INBOUND_BODY_LIMIT = BASE64_MAX + 1024 * 1024

/**
 * `POST /sandbox/inbound`: the sandbox gateway's inbound entry point (spec/ictcore.md §7.4). The
 * sandbox has no peer to receive from: its inbound messages come in here and go to core as a real
 * gateway's go through the dispatcher.
 */
export const sandboxInbound = routeOperation<Core>({
  wireId: 'POST /sandbox/inbound',
  methods: ['POST'],
  path: '/sandbox/inbound',
  summary: 'Deliver an inbound SMS, email or fax to the sandbox gateway (runs the subscribed receive program and its child program)',
  serve: (core) => ({
    // Attachments come base64-encoded: 20 MiB of files in all (a larger body → 413).
    bodyLimit: INBOUND_BODY_LIMIT,
    schema: {
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
    handler: async (req, reply) => {
      if (!req.nativeActor.crossTenant) throw new Forbidden('platform_admin')
      const { attachments, ...message } = req.body as Omit<InboundMessage, 'attachments'> & { attachments?: { type: string; content: string }[] }
      const files = attachments?.map((a) => ({ mime: a.type, bytes: Buffer.from(a.content, 'base64') }))
      return reply.code(201).send(await receiveInbound(core, { ...message, ...(files ? { attachments: files } : {}) }))
    },
  }),
})
