/**
 * The one family of domain errors. Core throws these; each dialect maps every kind to its own
 * envelope (an exhaustive switch on `kind`, so a new kind is a compile error in every dialect).
 */
export type DomainErrorKind = 'not_found' | 'invalid' | 'forbidden' | 'conflict' | 'locked' | 'unavailable' | 'unauthenticated' | 'limited'

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind
}

/** The thing does not exist, or is outside the caller's tenant / ownership (indistinguishable). */
export class NotFound extends DomainError {
  readonly kind = 'not_found' as const
  /** `message` overrides the default `<entity> not found` (e.g. `No provider available`). */
  constructor(readonly entity: string, readonly id?: string | number, message = `${entity} not found`) {
    super(message)
  }
}

/** A field's value breaks a rule. `field` is the wire-neutral core field name. */
export class Invalid extends DomainError {
  readonly kind = 'invalid' as const
  constructor(readonly field: string, readonly reason: string = 'is invalid', readonly code: InvalidCode = 'invalid') {
    super(`${field} ${reason}`)
  }
}
/** Why a field is invalid, for dialects whose wire distinguishes "required" from "malformed". */
export type InvalidCode = 'required' | 'invalid' | 'too_long' | 'duplicate' | 'reference'

/** Authenticated, but the actor lacks the permission. */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden' as const
  constructor(readonly permission?: string) {
    super('forbidden')
  }
}

/** A uniqueness rule: the value is taken. */
export class Conflict extends DomainError {
  readonly kind = 'conflict' as const
  constructor(readonly field: string, readonly reason: string = 'already exists') {
    super(`${field} ${reason}`)
  }
}

/** The object's state refuses the operation (e.g. deleting a built-in role). */
export class Locked extends DomainError {
  readonly kind = 'locked' as const
  constructor(readonly reason: string) {
    super(reason)
  }
}

/** A dependency (database, gateway) cannot serve now. */
export class Unavailable extends DomainError {
  readonly kind = 'unavailable' as const
  constructor(readonly reason: string) {
    super(reason)
  }
}

/** Credentials missing, wrong, revoked, or the principal disabled. */
export class Unauthenticated extends DomainError {
  readonly kind = 'unauthenticated' as const
  constructor(readonly reason: string = 'invalid credentials') {
    super(reason)
  }
}

/**
 * The right credentials of a login whose customer is suspended: refused like any failed login (a
 * dialect that names suspension, ResellerClub's token calls, reads the customer id).
 */
export class SuspendedLogin extends Unauthenticated {
  constructor(readonly customerId: number) {
    super('customer suspended')
  }
}

/**
 * Too many attempts: a credential locked after failed logins, or a client address over its limit of
 * failed logins or of requests (issue 13 finding 3). While a credential is locked its right secret
 * is refused with this error too, exactly as a wrong one.
 */
export class Limited extends DomainError {
  readonly kind = 'limited' as const
  constructor(readonly retryAfterSeconds: number, readonly scope: LimitScope) {
    super('too many attempts')
  }
}
/** What a limit counts: failed logins of one credential, or failed logins or requests of one client address. */
export type LimitScope = 'credential' | 'address'

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError
}
