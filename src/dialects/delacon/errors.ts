import type { Conflict, DomainError, Invalid, Limited } from '../../core/errors.ts'
import { invalid, type Envelope } from './codec.ts'

/** Core field names → Delacon parameter names (spec/delacon.md §5, §6.1). */
const WIRE_FIELD: Record<string, string> = {
  name: 'BusinessName', category: 'BusCat', email: 'EmailAddress', terminationNumber: 'TerminationNumber',
  reference: 'BusID', companyId: 'companyID', quantity: 'numbers', primaryNumber: 'OneThreeHundredNumber',
  dnis: 'DNIS', xferType: 'xfertype', xferTime: 'xfertime', smsMessage: 'SMSmessage', callTrack: 'CallTrack',
}

/** The wire name of a core field. */
export function wireField(field: string): string {
  return WIRE_FIELD[field] ?? field
}

/** A §8 fragment from a core field and reason. */
export function fragment(field: string, reason: string): string {
  return `${wireField(field)} ${reason}`
}

export const SOMETHING_WENT_WRONG: Envelope = { RESULT: 'FAIL', MESSAGE: 'something went wrong' }

/**
 * Every domain error kind as a Delacon envelope and HTTP status (exhaustive: a new kind does not
 * compile). Routes catch the NotFound cases whose wire text is route-specific before this applies.
 */
export function renderDelaconError(e: DomainError): { status: number; body: Envelope } {
  switch (e.kind) {
    case 'unauthenticated':
    case 'forbidden':
      return { status: 200, body: { RESULT: 'LOGIN_FAILED', MESSAGE: 'Invalid or missing Auth header' } }
    case 'invalid':
    case 'conflict': {
      const { field, reason } = e as Invalid | Conflict
      return { status: 200, body: invalid([fragment(field, reason)]) }
    }
    case 'not_found':
      return { status: 200, body: { RESULT: 'FAIL', MESSAGE: e.message } }
    case 'locked':
      return { status: 200, body: { RESULT: 'FAIL', MESSAGE: e.message } }
    case 'unavailable':
      return { status: 500, body: SOMETHING_WENT_WRONG }
    // Issue 13 finding 3: a refused login in §2's envelope, saying when to come back (Retry-After too).
    case 'limited':
      return { status: 200, body: { RESULT: 'LOGIN_FAILED', MESSAGE: `Too many attempts; try again in ${(e as Limited).retryAfterSeconds} seconds` } }
  }
}
