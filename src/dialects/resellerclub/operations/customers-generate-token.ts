import { DomainError, NotFound, SuspendedLogin } from '../../../core/errors.ts'
import { authenticateUserPassword } from '../../../core/users/index.ts'
import { rcCall } from '../call.ts'
import { RcError } from '../errors.ts'
import { IP, issueToken } from '../login-tokens.ts'
import { TokenReply } from '../wire-schemas.ts'

const INVALID_LOGIN = 'Invalid username or password'

/** `customers/generate-token` (spec §4.1): checks a customer's username and password; replies with a login token. */
export const customersGenerateToken = rcCall({
  name: 'customers/generate-token', method: 'GET',
  summary: 'Checks a customer\'s username and password; replies with a login token',
  reply: TokenReply,
  params: [
    { name: 'username', required: true, description: 'Login email of the customer' },
    { name: 'passwd', required: true, description: 'Password of the customer' },
    IP,
  ],
  async handle(ctx) {
    const { core, reseller, params: p, attempt } = ctx
    const username = p.get('username')!
    // Customer usernames are emails; an identifier without `@` would be looked up as a user name or id,
    // and NUL cannot reach PostgreSQL text.
    if (!username.includes('@') || username.includes('\u0000')) throw new RcError(INVALID_LOGIN)
    let customerId: number | null
    try {
      const user = await authenticateUserPassword(core, username, p.get('passwd')!, { tenantId: reseller.id, customerOnly: true }, attempt)
      customerId = user.customerId
    } catch (e) {
      // The right password of a suspended customer: the token is refused as §4.1 says.
      if (e instanceof SuspendedLogin) throw new RcError(`Customer ${e.customerId} is suspended`)
      if (e instanceof DomainError && e.kind === 'unauthenticated') throw new RcError(INVALID_LOGIN)
      throw e
    }
    if (customerId === null) throw new RcError(INVALID_LOGIN)
    try {
      return await issueToken(ctx, customerId, 'token')
    } catch (e) {
      if (e instanceof NotFound) throw new RcError(INVALID_LOGIN)
      throw e
    }
  },
})
