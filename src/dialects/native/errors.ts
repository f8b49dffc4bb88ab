import type { FastifyError } from 'fastify'
import type { Conflict, DomainError, Forbidden, Invalid, Limited, Locked, NotFound, Unauthenticated, Unavailable } from '../../core/errors.ts'

/** The native API's one error envelope. */
export interface NativeError {
  error: string
  field?: string
}

/** Maps every domain error kind to a status and the native envelope (exhaustive: a new kind is a compile error). */
export function renderNativeError(error: DomainError): { status: number; body: NativeError } {
  const e = error as NotFound | Invalid | Forbidden | Conflict | Locked | Unavailable | Unauthenticated | Limited
  switch (e.kind) {
    case 'not_found': return { status: 404, body: { error: e.message } }
    case 'invalid': return { status: 400, body: { error: e.message, field: e.field } }
    case 'conflict': return { status: 409, body: { error: e.message, field: e.field } }
    case 'forbidden': return { status: 403, body: { error: 'forbidden' } }
    case 'locked': return { status: 409, body: { error: e.reason } }
    case 'unavailable': return { status: 503, body: { error: e.reason } }
    case 'unauthenticated': return { status: 401, body: { error: 'unauthenticated' } }
    case 'limited': return { status: 429, body: { error: 'too many attempts' } }
  }
}

/** Fastify's schema validation failure → 400 naming the first offending field. */
export function renderValidationError(err: FastifyError): { status: number; body: NativeError } {
  const first = err.validation?.[0]
  if (!first) return { status: 400, body: { error: 'bad request' } }
  // Unknown fields never reach here: Ajv strips them (removeAdditional), so the plugin refuses them first.
  const params = first.params as { missingProperty?: string }
  const path = (first.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.')
  const field = params.missingProperty ?? path
  const reason = params.missingProperty ? 'is required' : (first.message ?? 'is invalid')
  return { status: 400, body: field ? { error: `${field} ${reason}`, field } : { error: `${err.validationContext ?? 'request'} ${reason}` } }
}
