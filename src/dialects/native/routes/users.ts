import { Type } from 'typebox'
import { createPlatformUser } from '../../../core/platform/index.ts'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../../core/core.ts'
import { ErrorBody } from '../schemas.ts'
import { MAX_ID } from '../../../core/ids.ts'

/** Login users (platform or a reseller's tenant). */
export default async function userRoutes(app: FastifyInstance, core: Core) {
  app.post('/users', {
    schema: {
      tags: ['native'], summary: 'Create a user (role user; admin adds the admin role)',
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 128 }),
        password: Type.String({ minLength: 1, maxLength: 128 }),
        email: Type.Optional(Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' })),
        admin: Type.Optional(Type.Boolean()),
        resellerId: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ID })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer() }), '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const body = req.body as { username: string; password: string; email?: string; admin?: boolean; resellerId?: number }
    return reply.code(201).send(await createPlatformUser(core, req.nativeActor, body))
  })
}
