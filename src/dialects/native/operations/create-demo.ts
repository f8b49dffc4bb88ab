import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { createDemo as create } from '../../../core/platform/index.ts'
import { routeOperation } from '../../operation.ts'
import { NO_INPUT } from '../../../http/docs.ts'
import { ErrorBody } from '../schemas.ts'

const Ids = Type.Array(Type.Integer())

/** `POST /demo`: a demo reseller with numbers, a sandbox provider, a user, contacts, a group, a PDF, a text, programs and a paced campaign. */
export const createDemo = routeOperation<Core>({
  wireId: 'POST /demo',
  methods: ['POST'],
  path: '/demo',
  summary: 'Create a demo tenant to try every dialect (its API key and user password are shown once)',
  serve: (core) => ({
    schema: {
      body: NO_INPUT,
      response: {
        201: Type.Object({
          reseller: Type.Object({ id: Type.Integer(), username: Type.String(), apiKey: Type.String() }),
          user: Type.Object({ id: Type.Integer(), username: Type.String(), password: Type.String(), accountId: Type.Integer(), phone: Type.String() }),
          numbers: Type.Object({ region: Type.String(), numberType: Type.String(), added: Type.Integer() }),
          providerId: Type.Integer(), contactIds: Ids, groupId: Type.Integer(), documentId: Type.Integer(), textId: Type.Integer(),
          programs: Type.Object({ sendsms: Type.Integer(), sendfax: Type.Integer() }),
          campaign: Type.Object({ id: Type.Integer(), cpm: Type.Integer() }),
        }),
        '4xx': ErrorBody,
      },
    },
    handler: async (req, reply) => reply.code(201).send(await create(core, req.nativeActor)),
  }),
})
