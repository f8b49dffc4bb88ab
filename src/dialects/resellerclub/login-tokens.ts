import { Locked } from '../../core/errors.ts'
import { issueLoginToken, type LoginTokenKind } from '../../core/login-tokens/index.ts'
import type { RcContext } from './call.ts'
import { RcError } from './errors.ts'
import { ipAddress, type ParamRule } from './validation.ts'

// What the token calls share (spec §4.1 / §4.2: customer single sign-on through short-lived
// single-use tokens): the `ip` parameter and issuing a token.

/** The `ip` parameter of the token-issuing calls. */
export const IP: ParamRule = { name: 'ip', required: true, check: ipAddress, description: 'IPv4 or IPv6 address of the customer' }

/** Issues a token; a suspended customer gets `Customer <id> is suspended` (spec §4.1, §7). */
export async function issueToken(ctx: RcContext, customerId: number, kind: LoginTokenKind): Promise<string> {
  try {
    return await issueLoginToken(ctx.core, ctx.actor, { customerId, kind, ip: ctx.params.get('ip')! })
  } catch (e) {
    if (e instanceof Locked) throw new RcError(`Customer ${customerId} is suspended`)
    throw e
  }
}
