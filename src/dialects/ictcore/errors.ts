import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Conflict, DomainError, DomainErrorKind, Forbidden, Invalid, Limited, Locked, NotFound, Unauthenticated, Unavailable } from '../../core/errors.ts'

type KnownError = NotFound | Invalid | Forbidden | Conflict | Locked | Unavailable | Unauthenticated | Limited
// A new DomainErrorKind without its class in KnownError fails to compile here.
const everyKindMapped: DomainErrorKind extends KnownError['kind'] ? true : never = true
void everyKindMapped

/** The ICTCore error envelope (spec/ictcore.md §3): same code in the body and the HTTP status. */
export interface IctcoreError { error: { code: number; message: string } }

export const NOT_FOUND: IctcoreError = { error: { code: 404, message: 'Not Found' } }

/** A dialect-level refusal carrying its own status and normative message (501, 413 …). */
export class IctcoreHttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
  }
}

// Field names as the wire spells them, when a route names a core field differently (passwd …).
const fieldAliases = new WeakMap<FastifyRequest, Record<string, string>>()

/** Within this request, render core field `from` under the wire name `to`. */
export function aliasFields(req: FastifyRequest, aliases: Record<string, string>): void {
  fieldAliases.set(req, { ...fieldAliases.get(req), ...aliases })
}

/** Core field names are camelCase; the wire's are snake_case (`firstName` → `first_name`). */
export function wireField(req: FastifyRequest | undefined, field: string): string {
  const alias = req && fieldAliases.get(req)?.[field]
  return alias ?? field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
}

/** Every domain error kind, mapped once (the compiler flags a new kind). */
export function renderIctcoreError(error: DomainError, req?: FastifyRequest): { status: number; body: IctcoreError } {
  const err = (status: number, message: string) => ({ status, body: { error: { code: status, message } } })
  const e = error as KnownError
  switch (e.kind) {
    case 'not_found': return err(404, e.message)
    case 'invalid':
    case 'conflict': return err(412, `Data validation failed, for ${wireField(req, e.field)}`)
    case 'forbidden': return err(403, 'User not permitted to perform required action')
    case 'locked': return err(423, e.reason)
    // The guide's 423: "System is not ready to perform requested action."
    // The reason is core's own text (a full disk, a database down), never the database's.
    case 'unavailable': return err(423, `System is not ready to perform requested action: ${e.reason}`)
    case 'unauthenticated': return err(401, 'Invalid credentials')
    // Issue 13 finding 3: the spec has no limit; 429 as RFC 6585 says, with Retry-After (set by the plugin).
    case 'limited': return err(429, `Too many attempts; try again in ${e.retryAfterSeconds} seconds`)
    default: {
      const unknownKind: never = e
      void unknownKind
      return err(500, 'Internal server error')
    }
  }
}

/** Sends a JSON value with the dialect's content type (bare numbers, `true` and strings included). */
export function sendJson(reply: FastifyReply, status: number, value: unknown): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Basic realm="ictcore"')
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(value))
}
