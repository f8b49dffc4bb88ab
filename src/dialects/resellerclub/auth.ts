import { authenticateApiKey, type Reseller } from '../../core/resellers/index.ts'
import type { Core } from '../../core/core.ts'
import { DomainError } from '../../core/errors.ts'
import { MAX_ID } from '../../core/kernel/ids.ts'
import { INVALID_CREDENTIALS, PASSWORD_AUTH_DEPRECATED, RcError } from './errors.ts'
import type { LoginAttempt } from '../../core/login-limits/index.ts'
import type { RcParams } from './params.ts'

/**
 * ResellerClub authentication (spec §2.3): `auth-userid` (the reseller id) + `api-key` on every call,
 * verified through the core's cached API-key check. `auth-password` is refused outright.
 */
export async function authenticateReseller(core: Core, p: RcParams, attempt: LoginAttempt): Promise<Reseller> {
  if (p.has('auth-password')) throw new RcError(PASSWORD_AUTH_DEPRECATED)
  const userId = p.get('auth-userid')
  const apiKey = p.get('api-key')
  if (!userId || !apiKey || !/^[0-9]{1,10}$/.test(userId) || Number(userId) > MAX_ID) throw new RcError(INVALID_CREDENTIALS)
  try {
    return await authenticateApiKey(core, 'resellerclub', apiKey, { resellerId: Number(userId) }, attempt)
  } catch (e) {
    // Unknown reseller, wrong or revoked key, disabled reseller, dialect not enabled: all one answer.
    if (e instanceof DomainError && (e.kind === 'unauthenticated' || e.kind === 'forbidden')) throw new RcError(INVALID_CREDENTIALS)
    throw e
  }
}
