import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { resetUserPassword } from '../../../core/platform/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `POST /users/password`: the operator sets a user's password, or has one generated (answered once). */
export const resetUserPasswordOp = routeOperation<Core>({
  wireId: 'POST /users/password',
  methods: ['POST'],
  path: '/users/password',
  summary: 'Set a user\'s password, or generate one (shown once); its earlier tokens are refused',
  serve: (core) => ({
    schema: {
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 128 }),
        password: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
        resellerId: Type.Optional(Id),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ id: Type.Integer(), username: Type.String(), password: Type.Optional(Type.String()) }), '4xx': ErrorBody },
    },
    handler: async (req) => {
      const body = req.body as { username: string; password?: string; resellerId?: number }
      return resetUserPassword(core, req.nativeActor, body)
    },
  }),
})
