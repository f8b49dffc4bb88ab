import { Type } from 'typebox'
import { issueApiKey, listApiKeys, revokeApiKey, getReseller } from '../../../core/resellers/index.ts'
import { provisionReseller } from '../../../core/platform/index.ts'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../../core/core.ts'
import { ErrorBody } from '../schemas.ts'
import { MAX_ID } from '../../../core/ids.ts'

const Id = Type.Integer({ minimum: 1, maximum: MAX_ID })
const DialectName = Type.Union(['ictcore', 'packetera', 'resellerclub', 'porta', 'delacon'].map((d) => Type.Literal(d)))

/** Resellers and their API keys. */
export default async function resellerRoutes(app: FastifyInstance, core: Core) {
  app.post('/resellers', {
    schema: {
      tags: ['native'], summary: 'Create a reseller with its first API key (shown once)',
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 200 }),
        username: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
        parentId: Type.Optional(Id),
        dialects: Type.Optional(Type.Array(DialectName, { maxItems: 5 })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer(), username: Type.String(), apiKey: Type.String() }), '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const body = req.body as { name: string; username?: string; parentId?: number; dialects?: ('ictcore' | 'packetera' | 'resellerclub' | 'porta' | 'delacon')[] }
    return reply.code(201).send(await provisionReseller(core, req.nativeActor, body))
  })

  app.get('/resellers/:id/api-keys', {
    schema: {
      tags: ['native'], summary: "List a reseller's API keys (never the secrets)",
      params: Type.Object({ id: Id }),
      response: {
        200: Type.Object({
          keys: Type.Array(Type.Object({
            id: Type.Integer(), label: Type.Union([Type.String(), Type.Null()]),
            createdAt: Type.String(), lastUsedAt: Type.Union([Type.String(), Type.Null()]), revokedAt: Type.Union([Type.String(), Type.Null()]),
          })),
        }),
        '4xx': ErrorBody,
      },
    },
  }, async (req) => {
    const { id } = req.params as { id: number }
    await getReseller(core, id)
    const keys = await listApiKeys(core, id)
    return {
      keys: keys.map((k) => ({
        id: k.id, label: k.label, createdAt: k.createdAt.toISOString(),
        lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null,
      })),
    }
  })

  app.post('/resellers/:id/api-keys', {
    schema: {
      tags: ['native'], summary: 'Issue another API key for a reseller (shown once)',
      params: Type.Object({ id: Id }),
      body: Type.Optional(Type.Object({ label: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false })),
      response: { 201: Type.Object({ id: Type.Integer(), apiKey: Type.String() }), '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const { id } = req.params as { id: number }
    const body = (req.body ?? {}) as { label?: string }
    return reply.code(201).send(await issueApiKey(core, id, body.label))
  })

  app.delete('/resellers/:id/api-keys/:keyId', {
    schema: {
      tags: ['native'], summary: 'Revoke an API key',
      params: Type.Object({ id: Id, keyId: Id }),
      response: { 204: Type.Null(), '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const { id, keyId } = req.params as { id: number; keyId: number }
    await revokeApiKey(core, id, keyId)
    return reply.code(204).send()
  })
}
