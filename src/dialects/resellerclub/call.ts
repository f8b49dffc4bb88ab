import type { TSchema } from 'typebox'
import type { Config } from '../../config.ts'
import type { Actor } from '../../core/actor.ts'
import type { Core } from '../../core/core.ts'
import type { Reseller } from '../../core/resellers/index.ts'
import type { LoginAttempt } from '../../core/login-limits/index.ts'
import type { DialectOperation } from '../operation.ts'
import type { RcFormat } from './errors.ts'
import type { RcParams } from './params.ts'
import type { ParamRule } from './validation.ts'
import type { RcValue } from './xml.ts'

/** What a call's handler works with: an authenticated reseller and validated parameters. */
export interface RcContext {
  core: Core
  config: Config
  reseller: Reseller
  actor: Actor
  params: RcParams
  /** The client, for the login limits of calls that check a customer's password. */
  attempt: LoginAttempt
  /** Where this server is reached, for absolute links (the password-reset link). */
  baseUrl: string
}

/** How a call is served: its parameters (in §4 order, validated before the handler) and its handler. */
export interface RcServe {
  /** Other call names answering identically (`customers/v2/signup`). */
  readonly aliases: readonly string[]
  readonly params: readonly ParamRule[]
  /** The success reply in /docs (wire-schemas.ts; documentation only). */
  readonly reply: TSchema
  handle(ctx: RcContext): Promise<RcValue>
}

/**
 * One API call of spec §4. `wireId` is the call name (`customers/details-by-id`); `path` is its
 * `.json` URL under the prefix; the plugin routes the same call at `.xml` and at each alias (rcUrls).
 */
export type RcOperation = DialectOperation<RcServe>

/** The formats every call answers in, by URL extension. */
const RC_FORMATS: readonly RcFormat[] = ['json', 'xml']

/** Declares a call from its spec §4 name, method, parameters and handler. */
export function rcCall(call: {
  name: string
  aliases?: readonly string[]
  /** The HTTP method of §4's table; both for the calls that accept either (`customers/forgot-password`). */
  method: 'GET' | 'POST' | readonly ['GET', 'POST']
  summary: string
  params: readonly ParamRule[]
  reply: TSchema
  handle(ctx: RcContext): Promise<RcValue>
}): RcOperation {
  const { name, aliases = [], method, summary, params, reply, handle } = call
  return { wireId: name, methods: typeof method === 'string' ? [method] : [...method], path: `/api/${name}.json`, summary, serve: { aliases, params, reply, handle } }
}

/** Every URL (under the prefix) a call answers at: its name and each alias, `.json` and `.xml`; `path` first. */
export function rcUrls(op: RcOperation): { url: string; format: RcFormat }[] {
  return [op.wireId, ...op.serve.aliases].flatMap((name) => RC_FORMATS.map((format) => ({ url: `/api/${name}.${format}`, format })))
}
