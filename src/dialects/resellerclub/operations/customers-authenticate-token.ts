import { getCustomerWithLogin } from '../../../core/customers/index.ts'
import { Locked, NotFound } from '../../../core/errors.ts'
import { redeemLoginToken } from '../../../core/login-tokens/index.ts'
import { readPartnerSettings } from '../../../core/resellers/index.ts'
import { rcCall } from '../call.ts'
import { authMap } from '../codec.ts'
import { RcError } from '../errors.ts'
import { AuthMap } from '../wire-schemas.ts'

/** `customers/authenticate-token` (spec §4.1, errors §4.2): redeems a login token (once); replies with the customer's details. */
export const customersAuthenticateToken = rcCall({
  name: 'customers/authenticate-token', method: 'GET',
  summary: 'Redeems a login token (once); replies with the customer\'s details',
  reply: AuthMap,
  params: [{ name: 'token', required: true, description: 'Token from generate-token or generate-login-token' }],
  async handle({ core, config, actor, reseller, params: p }) {
    let customerId: number
    // The partner's resellerclub.tokenTtlSeconds, else the deployment's (RESELLERCLUB_TOKEN_TTL_SECONDS).
    const ttl = readPartnerSettings(reseller.settings, { 'resellerclub.tokenTtlSeconds': config.resellerclubTokenTtlSeconds })['resellerclub.tokenTtlSeconds']
    try {
      ({ customerId } = await redeemLoginToken(core, actor, p.get('token')!.toLowerCase(), ttl))
    } catch (e) {
      if (e instanceof Locked) throw new RcError('Token has expired')
      if (e instanceof NotFound) throw new RcError('Invalid token')
      throw e
    }
    const { customer, login } = await getCustomerWithLogin(core, actor, customerId)
    return authMap(customer, login, reseller)
  },
})
