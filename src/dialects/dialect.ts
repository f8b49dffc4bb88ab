import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config.ts'
import type { Core } from '../core/core.ts'
import { Limited } from '../core/errors.ts'
import type { LoginAttempt } from '../core/login-limits/index.ts'
import { clientAddress } from '../http/client-address.ts'
import type { DocumentedOperations } from '../http/docs.ts'

/** What app.ts hands every dialect plugin (registered under the dialect's prefix, encapsulated). */
export interface DialectOptions {
  core: Core
  config: Config
  /** Lets the dialect answer errors Fastify raises before routing (malformed %-escapes …) under its prefix. */
  frameworkErrors: FrameworkErrorRenderers
  /** Where a dialect adds /docs entries for wire routes it serves through another route (Porta's catch-all). */
  docs: DocumentedOperations
}

/** Renders an error raised before routing, in a dialect's own envelope; must not echo the URL. */
export type FrameworkErrorRenderer = (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => void

/** Framework-error renderers by URL prefix; the longest matching prefix wins. */
export class FrameworkErrorRenderers {
  private readonly byPrefix: [string, FrameworkErrorRenderer][] = []

  add(prefix: string, render: FrameworkErrorRenderer): void {
    this.byPrefix.push([prefix, render])
    this.byPrefix.sort((a, b) => b[0].length - a[0].length)
  }

  find(url: string): FrameworkErrorRenderer | undefined {
    return this.byPrefix.find(([p]) => url === p || url.startsWith(p.endsWith('/') ? p : `${p}/`))?.[1]
  }
}

export type DialectPlugin = FastifyPluginAsync<DialectOptions>

/** Marks every request of this (encapsulated) scope as served by `dialect`, for metrics and logs. */
export function tagDialect(app: FastifyInstance, dialect: string): void {
  // A request decoration of this scope: set as the request object is made, where a hook would
  // cost every request a hook run. Requests outside every dialect have none (`system`).
  app.decorateRequest('dialect', dialect)
}

/** The client of a login, for the login limits (core/login-limits): the dialect and the client's address. */
export function loginAttempt(req: FastifyRequest): LoginAttempt {
  return { dialect: req.dialect ?? 'system', address: clientAddress(req) }
}

/** A refusal for too many attempts says when to come back (RFC 9110 §10.2.3), in every dialect, whatever its status. */
export function setRetryAfter(reply: FastifyReply, err: unknown): void {
  if (err instanceof Limited) reply.header('retry-after', String(err.retryAfterSeconds))
}

/** RFC 9110 token, as Fastify's content-type check reads the type and subtype (fastify/lib/content-type.js). */
const TOKEN = /^[\w!#$%&'*+.^`|~-]+$/

/** Whether a Content-Type header names a media type (`type/subtype[; params]`) that Fastify will route to a parser. */
export function isMediaType(header: string): boolean {
  const mediaType = header.split(';', 1)[0]!
  const slash = mediaType.indexOf('/')
  return slash > 0 && TOKEN.test(mediaType.slice(0, slash).trimStart()) && TOKEN.test(mediaType.slice(slash + 1).trimEnd())
}

/**
 * In the scope of a dialect whose spec has its own rule for bodies of any type, a Content-Type
 * header that is no media type (`base64`, `;;`) is dropped, or replaced by `readAs` where the
 * spec treats a missing type otherwise: Fastify would refuse it (415, FST_ERR_CTP_INVALID_MEDIA_TYPE)
 * before the dialect sees the request.
 */
export function ignoreInvalidContentTypes(app: FastifyInstance, readAs?: string): void {
  app.addHook('onRequest', async (req) => {
    const type = req.headers['content-type']
    if (type === undefined || isMediaType(type)) return
    if (readAs) req.headers['content-type'] = readAs
    else delete req.headers['content-type']
  })
}

/** The server's public base URL for absolute links: `PUBLIC_BASE_URL`, else the scheme and host the request came to. */
export function publicBaseUrl(config: Pick<Config, 'publicBaseUrl'>, req: FastifyRequest): string {
  return config.publicBaseUrl ?? `${req.protocol}://${req.host}`
}
