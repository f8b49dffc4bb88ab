import { domainErrorOf } from '../../core/kernel/index.ts'
import type { FastifyReply } from 'fastify'
import { type DomainError, type Limited } from '../../core/errors.ts'
import { toJson, toXml, type RcValue } from './xml.ts'

/**
 * An error already in ResellerClub words. Every error is HTTP 500 with `status: ERROR` and a
 * message (spec §7; 404 only for unknown routes): "In case of any errors, a status key with value
 * as ERROR alongwith an error message will be returned" (seeds/resellerclub-http-api.txt).
 */
export class RcError extends Error {
  constructor(message: string, readonly statusCode: 500 | 404 = 500) {
    super(message)
  }
}

export const INVALID_CREDENTIALS = 'Invalid credentials'
export const PASSWORD_AUTH_DEPRECATED = 'Password based authentication is deprecated. Use api-key instead.'
export const INTERNAL_ERROR = 'Internal error'

/** Core field names → wire parameter names, for core `Invalid`/`Conflict` errors. */
const WIRE_FIELD: Record<string, string> = {
  username: 'username', email: 'username', password: 'passwd', name: 'name', company: 'company',
  address1: 'address-line-1', address2: 'address-line-2', address3: 'address-line-3', city: 'city', state: 'state',
  otherState: 'other-state', country: 'country', zipcode: 'zipcode', phoneCc: 'phone-cc', phone: 'phone',
  altPhoneCc: 'alt-phone-cc', altPhone: 'alt-phone', faxCc: 'fax-cc', fax: 'fax', mobileCc: 'mobile-cc', mobile: 'mobile',
  vatId: 'vat-id', langPref: 'lang-pref',
}

/** One Java-map entry of a validation message (spec §6): `<param>=<param> <reason>`. */
export function mapEntry(param: string, reason: string): string {
  return `${param}=${param} ${reason}`
}

/** The Java-map message of validation failures: `{a=a is required, b=b is invalid}`. */
export function javaMap(entries: string[]): string {
  return `{${entries.join(', ')}}`
}

/** ResellerClub words for a core error (exhaustive: a new kind is a compile error here). */
export function domainMessage(e: DomainError): string {
  switch (e.kind) {
    case 'not_found': {
      const nf = e as DomainError & { entity: string; id?: string | number }
      if (nf.entity === 'Customer') return typeof nf.id === 'string' ? `Customer ${nf.id} not found` : `Invalid customer-id: ${nf.id ?? ''}`
      if (nf.entity === 'Token') return 'Invalid token'
      if (nf.entity === 'Order') return `Invalid order-id: ${nf.id ?? ''}`
      return `Invalid ${nf.entity.toLowerCase()}${nf.id !== undefined ? `: ${nf.id}` : ''}`
    }
    case 'invalid': {
      const inv = e as DomainError & { field: string; code: string }
      const param = WIRE_FIELD[inv.field] ?? inv.field
      return javaMap([mapEntry(param, inv.code === 'required' ? 'is required' : inv.code === 'duplicate' ? 'already exists' : 'is invalid')])
    }
    case 'conflict': {
      const c = e as DomainError & { field: string }
      const param = WIRE_FIELD[c.field] ?? c.field
      return javaMap([mapEntry(param, 'already exists')])
    }
    case 'locked': return e.message.charAt(0).toUpperCase() + e.message.slice(1)
    case 'forbidden':
    case 'unauthenticated': return INVALID_CREDENTIALS
    case 'unavailable': return INTERNAL_ERROR
    // Issue 13 finding 3: RC has no such error; in its words, with Retry-After set by the plugin.
    case 'limited': return `Too many attempts; try again in ${(e as Limited).retryAfterSeconds} seconds`
  }
}

export type RcFormat = 'json' | 'xml'

/** Sends a reply in the call's format (spec §8, §9). */
export function sendRc(reply: FastifyReply, format: RcFormat, status: number, value: RcValue): FastifyReply {
  return format === 'xml'
    ? reply.code(status).header('content-type', 'application/xml; charset=utf-8').send(toXml(value))
    : reply.code(status).header('content-type', 'application/json; charset=utf-8').send(toJson(value))
}

/** Sends the error envelope `{"status":"ERROR","message":…}`. */
export function sendRcError(reply: FastifyReply, format: RcFormat, message: string, status = 500): FastifyReply {
  return sendRc(reply, format, status, { status: 'ERROR', message })
}

/**
 * The message and status of anything thrown while serving a call: ResellerClub errors and core
 * errors in their words; Fastify's own request errors (oversized or unreadable body) named; the rest
 * is `Internal error` (logged by the caller, never echoed).
 */
export function errorReply(err: unknown): { status: 500 | 404; message: string; unexpected: boolean } {
  if (err instanceof RcError) return { status: err.statusCode, message: err.message, unexpected: false }
  const domain = domainErrorOf(err)
  if (domain) return { status: 500, message: domainMessage(domain), unexpected: domain.kind === 'unavailable' }
  const code = (err as { code?: unknown }).code
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 500, message: 'Request body is too large', unexpected: false }
  const statusCode = (err as { statusCode?: unknown }).statusCode
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) return { status: 500, message: 'Malformed request', unexpected: false }
  return { status: 500, message: INTERNAL_ERROR, unexpected: true }
}
