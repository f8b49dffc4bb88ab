import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

/** OpenAPI generated from the route schemas, with a reference page at `/docs` (JSON at /docs/json). */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Switchboard', version: '0.1.0', description: 'Telecom provisioning and communications server: ICTCore, Packetera, ResellerClub, Porta and Delacon dialects over one core.' },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}
