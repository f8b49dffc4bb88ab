import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

/** Each dialect's credentials as OpenAPI security schemes, so `/docs` can sign in (its Authorize button). */
const SECURITY_SCHEMES = {
  ictcoreBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'ICTCore: the token POST /api/authenticate answers (spec/ictcore.md §2)' },
  ictcoreBasic: { type: 'http', scheme: 'basic', description: 'ICTCore: a user\'s username and password' },
  nativeBearer: { type: 'http', scheme: 'bearer', description: 'Native API: the admin token of the running server (DATA_DIR/switchboard.lock)' },
  nativeBasic: { type: 'http', scheme: 'basic', description: 'Native API: a platform admin\'s username and password' },
  packeteraUser: { type: 'apiKey', in: 'query', name: 'WebUserName', description: 'Packetera: the reseller\'s username (also as a form field)' },
  packeteraPassword: { type: 'apiKey', in: 'query', name: 'WebUserPassword', description: 'Packetera: the reseller\'s API key (also as a form field)' },
  resellerclubUserId: { type: 'apiKey', in: 'query', name: 'auth-userid', description: 'ResellerClub: the reseller\'s id' },
  resellerclubApiKey: { type: 'apiKey', in: 'query', name: 'api-key', description: 'ResellerClub: the reseller\'s API key' },
  delaconAuth: { type: 'apiKey', in: 'header', name: 'Auth', description: 'Delacon: the partner\'s API key' },
} as const

/** Which schemes sign in to a dialect's routes (alternatives, each a set used together). Porta's License is a path segment. */
const SECURITY_BY_TAG: Record<string, Record<string, string[]>[]> = {
  ictcore: [{ ictcoreBearer: [] }, { ictcoreBasic: [] }],
  native: [{ nativeBearer: [] }, { nativeBasic: [] }],
  packetera: [{ packeteraUser: [], packeteraPassword: [] }],
  resellerclub: [{ resellerclubUserId: [], resellerclubApiKey: [] }],
  delacon: [{ delaconAuth: [] }],
}

const TAGS = [
  { name: 'ictcore', description: 'ICTCore REST (JSON; JWT Bearer or Basic): ../shared/spec/ictcore.md' },
  { name: 'packetera', description: 'Packetera click-to-call (cbc_APIs.aspx, TransactionType; Name=Value replies)' },
  { name: 'resellerclub', description: 'ResellerClub / LogicBoxes (auth-userid + api-key; .json and .xml)' },
  { name: 'porta', description: 'Porta Plus 2 (ServiceStack: /{Operation}/{License}/…; JSON, JSV, XML, CSV)' },
  { name: 'delacon', description: 'Delacon provisioning (Auth header; RESULT JSON)' },
  { name: 'native', description: 'Native admin API: resellers, keys, users, number stock, sandbox' },
  { name: 'system', description: 'Health, metrics, this page' },
]

/**
 * OpenAPI generated from the route schemas, with a reference page at `/docs` (JSON at /docs/json):
 * routes grouped by dialect (tag), each dialect's sign-in declared. A route's security comes from its
 * dialect's tag unless the route sets its own (ICTCore's public routes set none).
 */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { tags?: string[]; security?: unknown } | undefined
    const security = schema?.tags?.[0] ? SECURITY_BY_TAG[schema.tags[0]] : undefined
    if (schema && security && schema.security === undefined) schema.security = security
  })
  await app.register(swagger, {
    openapi: {
      info: { title: 'Switchboard', version: '0.1.0', description: 'Telecom provisioning and communications server: ICTCore, Packetera, ResellerClub, Porta and Delacon dialects over one core.' },
      tags: TAGS,
      components: { securitySchemes: SECURITY_SCHEMES },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { persistAuthorization: true, tagsSorter: 'alpha' } })
}
