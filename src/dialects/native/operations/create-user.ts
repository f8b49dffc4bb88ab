import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { createPlatformUser } from '../../../core/platform/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `POST /users`: a login user of the platform or of a reseller's tenant. */
export const createUser = routeOperation<Core>({
  wireId: 'POST /users',
  methods: ['POST'],
  path: '/users',
  summary: 'Create a user (role user; admin adds the admin role)',
  serve: (core) => ({
    schema: {
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 128 }),
        password: Type.String({ minLength: 1, maxLength: 128 }),
        email: Type.Optional(Type.String({ minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' })),
        admin: Type.Optional(Type.Boolean()),
        resellerId: Type.Optional(Id),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer() }), '4xx': ErrorBody },
    },
    handler: async (req, reply) => {
      const body = req.body as { username: string; password: string; email?: string; admin?: boolean; resellerId?: number }
      return reply.code(201).send(await createPlatformUser(core, req.nativeActor, body))
    },
  }),
})
