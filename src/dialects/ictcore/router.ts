import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify'
import { Type, type TSchema } from 'typebox'
import type { Config } from '../../config.ts'
import type { Actor } from '../../core/actor.ts'
import type { Core } from '../../core/core.ts'
import { MAX_ID } from '../../core/kernel/ids.ts'
import type { DialectOperation } from '../operation.ts'
import { ErrorReply } from './resources/wire-schemas.ts'

/** What a route handler gets: the dialect's dependencies, the authenticated actor (null on public routes) and parsed params. */
export interface IctcoreContext {
  core: Core
  config: Config
  req: FastifyRequest
  reply: FastifyReply
  actor: Actor
  /** Path parameters; `…_id` ones are integers ≥ 1. */
  params: Record<string, string | number>
  body: unknown
  query: Record<string, unknown>
}

export type IctcoreHandler = (ctx: IctcoreContext) => Promise<unknown>

export type IctcoreMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** How the router serves an ICTCore operation. */
export interface IctcoreServe {
  /** Parse, core call, render: returns the value the dispatcher sends as JSON (or sends the reply itself). */
  readonly handler: IctcoreHandler
  /** No credentials needed (§2.1/§2.2). */
  readonly public?: boolean
  /** Equivalent paths the same operation is served at, with the same methods (§4.7 `/documents` ≡ `/messages/documents`). */
  readonly aliases?: readonly string[]
  /**
   * Documentation (/docs) of the wire, never validation: the codec parses bodies and queries with
   * the spec's messages and leniencies, and replies are sent as the handler renders them.
   * `body`: the request body of its POST/PUT; `reply`: the 200 reply; `querystring`: list filters.
   */
  readonly body?: TSchema
  readonly reply: TSchema
  readonly querystring?: TSchema
  /** Content types of a raw upload body (media, CSV) instead of JSON. */
  readonly consumes?: readonly string[]
  /** The content types of a file reply instead of JSON. */
  readonly produces?: readonly string[]
  /** Errors beyond 401/403/404/412 this operation answers (§3, §7: 411, 413, 415, 423, 501 …). */
  readonly errors?: readonly number[]
}

/**
 * One ICTCore operation (src/dialects/operation.ts). `methods` are among GET, POST, PUT, DELETE:
 * PUT is also reached by PATCH, GET by HEAD unless it acts, DELETE also as `GET P/delete` (§1, §3).
 */
export type IctcoreOperation = DialectOperation<IctcoreServe>

/** Declares an ICTCore operation (a typed identity: the object literal is checked against the skeleton). */
export function ictcoreOperation(op: IctcoreOperation): IctcoreOperation {
  return op
}

const ICTCORE_METHODS = new Set<HTTPMethods>(['GET', 'POST', 'PUT', 'DELETE'])

export interface RouteDef {
  method: IctcoreMethod
  path: string
  segments: string[]
  /** Per segment: the parameter name, or null for a literal. */
  params: (string | null)[]
  handler: IctcoreHandler
  /** No credentials needed (§2.1/§2.2). */
  public: boolean
  /** GET routes that act (…/delete, …/clone, …/start, …/stop) are not served on HEAD. */
  noHead: boolean
}

export interface RouteOptions {
  public?: boolean
  summary?: string
  /** The route's OpenAPI schema (documentation only). */
  docs?: Pick<IctcoreServe, 'body' | 'reply' | 'querystring' | 'consumes' | 'produces' | 'errors'>
}

/** The errors every credentialed operation may answer (§3); public ones only 401 and 412. */
const COMMON_ERRORS = [401, 403, 404, 412]
const PUBLIC_ERRORS = [401, 412]
/** Per error status: when it is answered (§3) and an example message. */
const ERRORS: Record<number, [when: string, example: string]> = {
  401: ['Credentials missing or invalid', 'Invalid credentials'],
  403: ['Authenticated but lacking the permission (§2.4)', 'User not permitted to perform required action'],
  404: ['Unknown route, or the object is not found or not visible', 'Contact not found'],
  411: ['Empty upload', 'Empty upload'],
  412: ['Validation failed: the field is named', 'Data validation failed, for phone'],
  413: ['Body over its limit', 'Request entity too large'],
  415: ['Unsupported Content-Type of an upload', 'Unsupported media type'],
  417: ['A storage operation failed', 'Document update failed'],
  423: ['State conflict (§7)', 'Transmission already in process'],
  501: ['Recognised but not implemented (agent, ivr)', 'Not implemented'],
}

// The route schemas document the wire only: ICTCore's codec validates (the spec's messages) and the
// dispatcher sends replies as JSON text, so Fastify compiles neither a validator nor a serializer
// from them (which would also cost start-up time for every route).
const passThroughValidator = () => () => true
const jsonText = () => (data: unknown) => JSON.stringify(data)

/** Extends the docs of a route with those of a second operation of the same path shape: either summary, body or reply. */
function mergeSchemas(into: FastifySchema, other: FastifySchema): void {
  const a = into as Record<string, unknown>
  const b = other as Record<string, Record<string, unknown> | string | undefined>
  if (b.summary && b.summary !== a.summary) a.summary = `${String(a.summary)} / ${b.summary}`
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y)
  const examples = (...xs: unknown[]) => xs.flatMap((x) => (x as { examples?: unknown[] }).examples ?? [])
  if (b.body && !same(b.body, a.body)) a.body = a.body ? { anyOf: [a.body, b.body], examples: examples(a.body, b.body) } : b.body
  if (b.querystring && !a.querystring) a.querystring = b.querystring
  const ra = a.response as Record<string, Record<string, unknown>> | undefined
  const rb = b.response as Record<string, Record<string, unknown>> | undefined
  if (!ra || !rb) return
  for (const [code, reply] of Object.entries(rb)) {
    const mine = ra[code]
    if (!mine) ra[code] = reply
    else if (code === '200' && !same(mine, reply)) ra[code] = { anyOf: [mine, reply], description: `${String(mine.description)} / ${String(reply.description)}` }
  }
}

/** The Fastify route schema of a route: tags, summary, security, and its documented body, query and replies. */
function routeSchema(method: IctcoreMethod, path: string, opts: RouteOptions, isPublic: boolean): FastifySchema {
  const docs = opts.docs
  const schema: Record<string, unknown> = { tags: ['ictcore'], summary: opts.summary, ...(isPublic ? { security: [] } : {}) }
  // Path parameters: `…_id` are integers ≥ 1 (§1); `{type}` a program type; `{name}` a setting name.
  const names = path.split('/').filter((seg) => seg.startsWith(':')).map((seg) => seg.slice(1))
  if (names.length > 0) {
    schema.params = Type.Object(Object.fromEntries(names.map((name) => [name, name.endsWith('_id')
      ? Type.Integer({ minimum: 1, maximum: MAX_ID })
      : Type.String({ description: name === 'type' ? 'A program type (§7.4)' : 'A setting name: ^[A-Za-z0-9_.-]{1,64}$' })])))
  }
  if (!docs) return schema
  if ((method === 'POST' || method === 'PUT') && docs.body) {
    schema.body = docs.body
    if (docs.consumes) schema.consumes = docs.consumes
  }
  if (method === 'GET' && docs.querystring) schema.querystring = docs.querystring
  const ok = docs.produces
    ? { description: 'The file', content: Object.fromEntries(docs.produces.map((type) => [type, { schema: docs.reply }])) }
    : { ...docs.reply, description: (docs.reply as { description?: string }).description ?? 'OK' }
  const response: Record<string, unknown> = { 200: ok }
  for (const code of [...new Set([...(isPublic ? PUBLIC_ERRORS : COMMON_ERRORS), ...(docs.errors ?? [])])].sort((a, b) => a - b)) {
    const [when, message] = ERRORS[code] ?? ['Error', 'Error']
    response[code] = { ...ErrorReply, description: when, examples: [{ error: { code, message } }] }
  }
  schema.response = response
  return schema
}

const ID = /^[0-9]{1,10}$/
const ACTING_GET = /\/(delete|clone|start|stop)$/

/**
 * The dialect's router, built from its operation table (`operations.ts`). Every route is
 * registered twice: with Fastify (docs, metrics, HEAD) and in this router's own table, from which
 * `match` resolves the request as spec §1 normalises it (`.json` suffix, method override, PATCH ≡
 * PUT, one trailing slash). Whatever Fastify matched, the handler that runs is the one this table
 * resolves.
 */
export class IctcoreRouter {
  private readonly routes = new Map<string, RouteDef[]>()
  /** The same lists split by first segment: literal ones by that literal, parameter-first ones apart. */
  private readonly byFirst = new Map<string, { literal: Map<string, RouteDef[]>; param: RouteDef[] }>()
  /** The Fastify route schema of each path shape registered so far. */
  private readonly fastifySchemas = new Map<string, FastifySchema>()

  constructor(private readonly app: FastifyInstance, private readonly entry: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>) {}

  /** Routes an operation: each of its methods at its path and aliases; a DELETE `P` also as `GET P/delete` (§3). */
  serve(op: IctcoreOperation): void {
    const { handler, aliases = [], body, reply, querystring, consumes, produces, errors } = op.serve
    const opts: RouteOptions = { public: op.serve.public ?? false, summary: op.summary, docs: { body, reply, querystring, consumes, produces, errors } }
    for (const path of [op.path, ...aliases]) {
      for (const method of op.methods) {
        if (!ICTCORE_METHODS.has(method)) throw new Error(`ictcore ${op.wireId}: method ${method} is not routed (§1)`)
        this.add(method as IctcoreMethod, path, handler, opts)
        if (method === 'DELETE') this.add('GET', `${path}/delete`, handler, opts)
      }
    }
  }

  add(method: IctcoreMethod, path: string, handler: IctcoreHandler, opts: RouteOptions = {}): void {
    const segments = path.split('/').filter(Boolean)
    const params = segments.map((seg) => (seg.startsWith(':') ? seg.slice(1) : null))
    const def: RouteDef = { method, path, segments, params, handler, public: opts.public ?? false, noHead: method === 'GET' && ACTING_GET.test(path) }
    const key = `${method} ${segments.length}`
    const list = this.routes.get(key) ?? []
    list.push(def)
    // Static segments win over parameters at the first position where two routes differ.
    list.sort((a, b) => rank(a.segments) - rank(b.segments))
    this.routes.set(key, list)
    // A parameter first ranks after every literal first, so trying the request's literal's routes,
    // then the parameter-first ones, keeps the order of `list`.
    const split = { literal: new Map<string, RouteDef[]>(), param: [] as RouteDef[] }
    for (const r of list) {
      if (r.params[0] !== null) split.param.push(r)
      else split.literal.set(r.segments[0]!, [...(split.literal.get(r.segments[0]!) ?? []), r])
    }
    this.byFirst.set(key, split)
    // Fastify sees each path shape once (two param names at one position would clash there).
    const shape = `${method} /${segments.map((s) => (s.startsWith(':') ? ':' : s)).join('/')}`
    const schema = routeSchema(method, path, opts, def.public)
    const registered = this.fastifySchemas.get(shape)
    // Two operations of one shape (`GET /programs/{program_id}` and `GET /programs/{type}`): one
    // route in /docs that describes both (read at /docs/json time, so extending it here is enough).
    if (registered) return mergeSchemas(registered, schema)
    this.fastifySchemas.set(shape, schema)
    const methods: HTTPMethods[] = method === 'PUT' ? ['PUT', 'PATCH'] : [method]
    this.app.route({
      method: methods, url: path, handler: this.entry, exposeHeadRoute: method === 'GET' && !def.noHead,
      // A public route (authenticate) needs no sign-in in /docs; the others get ICTCore's from the docs.
      schema, validatorCompiler: passThroughValidator, serializerCompiler: jsonText,
    })
  }

  /** The route for a normalised method and path (below the prefix), with its parameters. */
  match(method: IctcoreMethod, path: string): { route: RouteDef; params: Record<string, string | number> } | null {
    const segments = splitPath(path)
    if (!segments) return null
    const split = this.byFirst.get(`${method} ${segments.length}`)
    if (!split) return null
    return (segments.length > 0 && matchIn(split.literal.get(segments[0]!), segments)) || matchIn(split.param, segments)
  }
}

/**
 * Path segments, percent-decoded: one leading and one trailing slash are dropped; an empty segment
 * inside (`a//b`) or a malformed escape makes the path unroutable (null).
 */
function splitPath(path: string): string[] | null {
  const raw = path.split('/')
  const segments: string[] = []
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i]!
    if (s === '') {
      if (i > 0 && i < raw.length - 1) return null
      continue
    }
    if (!s.includes('%')) segments.push(s)
    else {
      try {
        const decoded = decodeURIComponent(s)
        if (decoded === '') return null
        segments.push(decoded)
      } catch {
        return null
      }
    }
  }
  return segments
}

function matchIn(routes: RouteDef[] | undefined, segments: string[]): { route: RouteDef; params: Record<string, string | number> } | null {
  if (!routes) return null
  for (const route of routes) {
    const params: Record<string, string | number> = {}
    let ok = true
    for (let i = 0; ok && i < segments.length; i++) {
      const name = route.params[i]
      const got = segments[i]!
      if (name === null || name === undefined) ok = route.segments[i] === got
      else if (name.endsWith('_id')) {
        const n = Number(got)
        ok = ID.test(got) && n >= 1 && n <= MAX_ID
        params[name] = n
      } else params[name] = got
    }
    if (ok) return { route, params }
  }
  return null
}

function rank(segments: string[]): number {
  // Lower is tried first: a parameter at an earlier position weighs more.
  return segments.reduce((acc, s, i) => acc + (s.startsWith(':') ? (s.endsWith('_id') ? 1 : 2) * 10 ** (8 - i) : 0), 0)
}
