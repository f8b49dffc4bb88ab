import { getCustomerWithLogin } from '../../../core/customers/index.ts'
import { DomainError, Locked, NotFound } from '../../../core/errors.ts'
import { issueLoginToken, redeemLoginToken, type LoginTokenKind } from '../../../core/login-tokens/index.ts'
import { authenticateUserPassword } from '../../../core/users/index.ts'
import type { RcCall, RcContext } from '../call.ts'
import { authMap } from '../codec.ts'
import { RcError } from '../errors.ts'
import { canonicalInteger, idOf, ipAddress, positiveInteger } from '../validation.ts'

const INVALID_LOGIN = 'Invalid username or password'
const IP = { name: 'ip', required: true, check: ipAddress, description: 'IPv4 or IPv6 address of the customer' }

/** Issues a token; a suspended customer gets `Customer <id> is suspended` (spec §4.1, §7). */
async function issue(ctx: RcContext, customerId: number, kind: LoginTokenKind): Promise<string> {
  try {
    return await issueLoginToken(ctx.core, ctx.actor, { customerId, kind, ip: ctx.params.get('ip')! })
  } catch (e) {
    if (e instanceof Locked) throw new RcError(`Customer ${customerId} is suspended`)
    throw e
  }
}

/** Token calls of spec §4.1 / §4.2: customer single sign-on through short-lived single-use tokens. */
export const tokenCalls: RcCall[] = [
  {
    path: 'customers/generate-token', method: 'GET',
    summary: 'Checks a customer\'s username and password; replies with a login token',
    params: [
      { name: 'username', required: true, description: 'Login email of the customer' },
      { name: 'passwd', required: true, description: 'Password of the customer' },
      IP,
    ],
    async handle(ctx) {
      const { core, reseller, params: p } = ctx
      const username = p.get('username')!
      // Customer usernames are emails; an identifier without `@` would be looked up as a user name or id,
      // and NUL cannot reach PostgreSQL text.
      if (!username.includes('@') || username.includes('\u0000')) throw new RcError(INVALID_LOGIN)
      let customerId: number | null
      try {
        const user = await authenticateUserPassword(core, username, p.get('passwd')!, { tenantId: reseller.id, customerOnly: true })
        customerId = user.customerId
      } catch (e) {
        if (e instanceof DomainError && e.kind === 'unauthenticated') throw new RcError(INVALID_LOGIN)
        throw e
      }
      if (customerId === null) throw new RcError(INVALID_LOGIN)
      try {
        return await issue(ctx, customerId, 'token')
      } catch (e) {
        if (e instanceof NotFound) throw new RcError(INVALID_LOGIN)
        throw e
      }
    },
  },
  {
    path: 'customers/generate-login-token', method: 'GET',
    summary: 'Issues a login token for a customer the reseller vouches for',
    params: [{ name: 'customer-id', required: true, check: positiveInteger, description: 'Customer id' }, IP],
    async handle(ctx) {
      const raw = ctx.params.get('customer-id')!
      const id = idOf(raw)
      try {
        if (id === null) throw new NotFound('Customer', raw)
        return await issue(ctx, id, 'login')
      } catch (e) {
        if (e instanceof NotFound) throw new RcError(`Invalid customer-id: ${canonicalInteger(raw)}`)
        throw e
      }
    },
  },
  {
    path: 'customers/authenticate-token', method: 'GET',
    summary: 'Redeems a login token (once); replies with the customer\'s details',
    params: [{ name: 'token', required: true, description: 'Token from generate-token or generate-login-token' }],
    async handle({ core, config, actor, reseller, params: p }) {
      let customerId: number
      try {
        ({ customerId } = await redeemLoginToken(core, actor, p.get('token')!.toLowerCase(), config.resellerclubTokenTtlSeconds))
      } catch (e) {
        if (e instanceof Locked) throw new RcError('Token has expired')
        if (e instanceof NotFound) throw new RcError('Invalid token')
        throw e
      }
      const { customer, login } = await getCustomerWithLogin(core, actor, customerId)
      return authMap(customer, login, reseller)
    },
  },
]
