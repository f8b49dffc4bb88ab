import { domainErrorOf } from '../../core/kernel/index.ts'
import { type Conflict, type Forbidden, type Invalid, type Limited, type Locked, type NotFound, type Unauthenticated, type Unavailable } from '../../core/errors.ts'
import { PortaFault, type PortaErrorBody } from './servicestack/index.ts'

// spec/porta.md §8: domain errors are mapped here, once, exhaustively, onto the ResponseStatus shape
// of servicestack/fault.ts (where the dialect's own faults, binding and argument, are made).

/** Core field names as Porta names them (core `Invalid` errors name wire-neutral fields). */
const FIELD_NAMES: Record<string, string> = {
  customerId: 'ICustomer', accountId: 'IAccount', productId: 'IProduct', resellerId: 'ResellerID', apiKey: 'License',
}

/** Maps any thrown value to the §8 status, ErrorCode and Message. Unknown errors → 500 without detail. */
export function renderPortaError(e: unknown): PortaErrorBody {
  if (e instanceof PortaFault) return { status: e.status, ErrorCode: e.errorCode, Message: e.message, Errors: e.errors }
  const domain = domainErrorOf(e)
  if (domain) return renderDomainError(domain as KnownDomainError)
  return internal()
}

type KnownDomainError = NotFound | Invalid | Forbidden | Conflict | Locked | Unavailable | Unauthenticated | Limited

function renderDomainError(e: KnownDomainError): PortaErrorBody {
  switch (e.kind) {
    case 'unauthenticated': return { status: 401, ErrorCode: 'Unauthorized', Message: 'Invalid License', Errors: [] }
    case 'forbidden': return { status: 403, ErrorCode: 'Forbidden', Message: 'The License holder may not use this service', Errors: [] }
    case 'not_found': return { status: 404, ErrorCode: 'NotFound', Message: e.message, Errors: [] }
    case 'invalid':
    case 'conflict': {
      const field = FIELD_NAMES[e.field] ?? e.field
      const message = `${field} ${e.reason}`
      return { status: 400, ErrorCode: 'ArgumentException', Message: message, Errors: [{ ErrorCode: 'ArgumentException', FieldName: field, Message: message }] }
    }
    case 'locked': return { status: 400, ErrorCode: 'ArgumentException', Message: e.reason, Errors: [] }
    case 'unavailable': return internal()
    // Issue 13 finding 3: not in §8; ServiceStack's name for 429 (HttpStatusCode.TooManyRequests).
    case 'limited': return { status: 429, ErrorCode: 'TooManyRequests', Message: `Too many attempts; try again in ${e.retryAfterSeconds} seconds`, Errors: [] }
  }
}

function internal(): PortaErrorBody {
  return { status: 500, ErrorCode: 'InternalServerError', Message: 'An internal error occurred.', Errors: [] }
}
