import type { Core } from '../../core/core.ts'
import { isDomainError } from '../../core/errors.ts'
import { authenticateApiKey, type Reseller } from '../../core/resellers/index.ts'
import type { LoginAttempt } from '../../core/login-limits/index.ts'
import { authenticateUserPassword } from '../../core/users/index.ts'
import { failures } from './errors.ts'
import { requiredField } from './fields.ts'
import type { PacketeraInput } from './request.ts'

/** Spec §2.1, in checking order: presence (1003), then length (1004), field by field. */
const MANDATORY: [string, number][] = [['WebUserName', 20], ['WebUserPassword', 20], ['UserEmail', 30], ['UserPassword', 30]]

export interface Credentials {
  webUserName: string
  webUserPassword: string
  userEmail: string
  userPassword: string
}

/** Step 3 of §3.2: the four mandatory fields. */
export function mandatoryFields(input: PacketeraInput): Credentials {
  const [webUserName, webUserPassword, userEmail, userPassword] = MANDATORY.map(([name, max]) => requiredField(input, name, max)) as [string, string, string, string]
  return { webUserName, webUserPassword, userEmail, userPassword }
}

/** Step 4: the partner by WebUserName + WebUserPassword (an API key), cached (1001). */
export async function authenticatePartner(core: Core, c: Credentials, attempt: LoginAttempt): Promise<Reseller> {
  try {
    return await authenticateApiKey(core, 'packetera', c.webUserPassword, { username: c.webUserName }, attempt)
  } catch (e) {
    if (isDomainError(e) && (e.kind === 'unauthenticated' || e.kind === 'forbidden')) throw failures.invalidWebUser()
    throw e
  }
}

/** Step 5: the member login among the partner's customers, cached (1002); returns its customer id. */
export async function authenticateMember(core: Core, partner: Reseller, c: Credentials, attempt: LoginAttempt): Promise<number> {
  // Members log in by email only (the core would also resolve a bare username or user id).
  if (!c.userEmail.includes('@')) throw failures.invalidMember()
  try {
    const user = await authenticateUserPassword(core, c.userEmail, c.userPassword, { tenantId: partner.id, customerOnly: true }, attempt)
    if (user.customerId === null) throw failures.invalidMember()
    return user.customerId
  } catch (e) {
    if (isDomainError(e) && e.kind === 'unauthenticated') throw failures.invalidMember()
    throw e
  }
}
