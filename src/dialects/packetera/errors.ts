import type { Conflict, DomainError, Forbidden, Invalid, Limited, Locked, NotFound, Unauthenticated, Unavailable } from '../../core/errors.ts'

/** A Packetera failure reply: `Status=Failure&ErrorCode=<code>&ErrorMessage=<message>` (spec §3.1). */
export class PacketeraFailure extends Error {
  constructor(readonly code: number, readonly text: string) {
    super(text)
  }
}

/** The catalogue of spec §3.1: every code and message the dialect answers. */
export const failures = {
  invalidWebUser: () => new PacketeraFailure(1001, 'Invalid web user credentials'),
  invalidMember: () => new PacketeraFailure(1002, 'Invalid member credentials'),
  missing: (field: string) => new PacketeraFailure(1003, `Missing required field: ${field}`),
  tooLong: (field: string, max: number) => new PacketeraFailure(1004, `Field too long: ${field} (maximum ${max} characters)`),
  invalid: (field: string) => new PacketeraFailure(1005, `Invalid value for field: ${field}`),
  /** A request body over the server's limit (project extension: 1004 is the code for "too long"). */
  requestTooLarge: (maxBytes: number) => new PacketeraFailure(1004, `Request too large (maximum ${maxBytes} bytes)`),
  unknownTransaction: (value: string) => new PacketeraFailure(1006, `Unknown transaction type: ${value}`),
  activationNotFound: () => new PacketeraFailure(1007, 'Activation ID not found'),
  buttonNotFound: () => new PacketeraFailure(1007, 'Button not found'),
  phoneNotFound: () => new PacketeraFailure(1007, 'Phone number not found'),
  templateNotFound: () => new PacketeraFailure(1007, 'Template not found'),
  memberExists: () => new PacketeraFailure(1008, 'Member already exists'),
  phoneExists: () => new PacketeraFailure(1008, 'Phone number already exists'),
  inactive: () => new PacketeraFailure(1009, 'Member account is not active'),
  defaultButton: () => new PacketeraFailure(1010, 'Cannot delete the default button'),
  defaultPhone: () => new PacketeraFailure(1010, 'Cannot delete the default phone number'),
  phoneInUse: () => new PacketeraFailure(1010, 'Phone number is in use by a web button'),
  /** Too many failed logins of the credential or from the address, or too many requests (project decision, issue 13 finding 3). */
  limited: (seconds: number) => new PacketeraFailure(1011, `Too many attempts; try again in ${seconds} seconds`),
  internal: () => new PacketeraFailure(1099, 'Internal error'),
}

/** Core field names → Packetera wire names. */
const WIRE_FIELD: Record<string, string> = {
  email: 'UserEmail', username: 'UserEmail', password: 'UserPassword', phone: 'PhoneNumber',
  firstName: 'FirstName', lastName: 'LastName', company: 'CompanyName', name: 'FirstName', newPhone: 'NewPhoneNumber',
  attributeName: 'AttributeName', attributeValue: 'AttributeValue',
}

/** Maps a core error to its Packetera failure (exhaustive: a new kind is a compile error). */
export function failureOf(error: DomainError): PacketeraFailure {
  const e = error as NotFound | Invalid | Forbidden | Conflict | Locked | Unavailable | Unauthenticated | Limited
  switch (e.kind) {
    case 'not_found':
      switch (e.entity) {
        case 'Activation': return failures.activationNotFound()
        case 'Button': return failures.buttonNotFound()
        case 'Phone': return failures.phoneNotFound()
        case 'Template': return failures.templateNotFound()
        // The logged-in user's customer is no click-to-call member (or vanished): not a member login.
        default: return failures.invalidMember()
      }
    case 'invalid': {
      const wire = WIRE_FIELD[e.field] ?? e.field
      if (e.code === 'required') return failures.missing(wire)
      return failures.invalid(wire)
    }
    case 'conflict':
      return e.field === 'phone' ? failures.phoneExists() : failures.memberExists()
    case 'locked':
      switch (e.reason) {
        case 'default button': return failures.defaultButton()
        case 'default phone': return failures.defaultPhone()
        case 'phone in use': return failures.phoneInUse()
        default: return failures.internal()
      }
    case 'forbidden':
    case 'unauthenticated':
      return failures.invalidWebUser()
    case 'unavailable':
      return failures.internal()
    case 'limited':
      return failures.limited(e.retryAfterSeconds)
  }
}
