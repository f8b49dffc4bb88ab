import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { Type, type TObject, type TSchema } from 'typebox'

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
 * A reply that is text of a media type (an HTML page, a script, an XML document), as a route's
 * response schema: a string, with an example when given. Routes send such replies as text, which
 * Fastify never serializes, so the schema only documents.
 */
export function textReply(mediaType: string, description: string, example?: string): DocumentedReply {
  return { description, content: { [mediaType]: { schema: Type.String({ description, ...(example === undefined ? {} : { examples: [example] }) }) } } }
}

/**
 * The body of a write that takes no input (it accepts any and ignores it): declared so /docs says
 * so, rather than leaving a POST without a request schema.
 */
export const NO_INPUT = Type.Unknown({ description: 'No fields: this call takes no input (any body is ignored)' })

/** A reply of a documentation-only operation, as a route's response schema gives one: its schema by media type. */
export interface DocumentedReply { description: string; content: Record<string, { schema: TSchema }> }

/**
 * A wire route a dialect serves through another Fastify route (Porta's catch-all, whose §3 matching
 * Fastify cannot express), described in the route-schema shape for /docs only: it routes nothing.
 */
export interface DocumentedOperation {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch'
  /** The full path in OpenAPI form (`/porta/GetAccounts/{License}/{ICustomer}`). */
  path: string
  tag: string
  summary: string
  description?: string
  params?: TObject
  querystring?: TObject
  body?: { consumes: readonly string[]; schema: TSchema }
  response: Record<string, DocumentedReply>
}

/**
 * The documentation-only operations of the dialects (app.ts hands one to every dialect plugin),
 * merged into /docs/json beside the routes' own entries.
 */
export class DocumentedOperations {
  private readonly ops: DocumentedOperation[] = []
  private readonly shared: Record<string, TSchema> = {}

  add(...ops: DocumentedOperation[]): void {
    this.ops.push(...ops)
  }

  /**
   * A schema many operations share, written once under the document's components and referred to
   * (Porta's ProductResponse would otherwise be written out for each of its 49 entries).
   */
  component(name: string, schema: TSchema): TSchema {
    this.shared[name] = schema
    return Type.Unsafe({ $ref: `#/components/schemas/${name}` })
  }

  /** The shared schemas, for the document's components. */
  components(): Record<string, TSchema> {
    return this.shared
  }

  /** The OpenAPI path items of the operations, each signed in as its dialect's routes are. */
  paths(): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {}
    for (const op of this.ops) {
      const parameters = [...parametersOf('path', op.params), ...parametersOf('query', op.querystring)]
      out[op.path] ??= {}
      out[op.path]![op.method] = {
        tags: [op.tag], summary: op.summary, ...(op.description ? { description: op.description } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(op.body ? { requestBody: { required: false, content: Object.fromEntries(op.body.consumes.map((t) => [t, { schema: op.body!.schema }])) } } : {}),
        responses: op.response,
        ...(SECURITY_BY_TAG[op.tag] ? { security: SECURITY_BY_TAG[op.tag] } : {}),
      }
    }
    return out
  }
}

function parametersOf(where: 'path' | 'query', schema: TObject | undefined): unknown[] {
  if (!schema) return []
  const required = new Set(schema.required ?? [])
  return Object.entries(schema.properties).map(([name, s]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: s }))
}


/**
 * OpenAPI generated from the route schemas, with a reference page at `/docs` (JSON at /docs/json):
 * routes grouped by dialect (tag), each dialect's sign-in declared. A route's security comes from its
 * dialect's tag unless the route sets its own (ICTCore's public routes set none). The dialects'
 * documentation-only operations (`documented`) are merged in as they are.
 */
export async function registerDocs(app: FastifyInstance, documented: DocumentedOperations): Promise<void> {
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
    transformObject: (doc) => {
      if (!('openapiObject' in doc)) return doc.swaggerObject
      const { paths, components } = doc.openapiObject
      return {
        ...doc.openapiObject,
        paths: { ...paths, ...documented.paths() },
        components: { ...components, schemas: { ...components?.schemas, ...documented.components() } },
      } as typeof doc.openapiObject
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { persistAuthorization: true, tagsSorter: 'alpha' } })
}
