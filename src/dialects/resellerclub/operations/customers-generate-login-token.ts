import { NotFound } from '../../../core/errors.ts'
import { rcCall } from '../call.ts'
import { RcError } from '../errors.ts'
import { IP, issueToken } from '../login-tokens.ts'
import { canonicalInteger, idOf, positiveInteger } from '../validation.ts'
import { TokenReply } from '../wire-schemas.ts'

/** `customers/generate-login-token` (spec §4.1): a login token for a customer the reseller vouches for. */
export const customersGenerateLoginToken = rcCall({
  name: 'customers/generate-login-token', method: 'GET',
  summary: 'Issues a login token for a customer the reseller vouches for',
  reply: TokenReply,
  params: [{ name: 'customer-id', required: true, check: positiveInteger, description: 'Customer id' }, IP],
  async handle(ctx) {
    const raw = ctx.params.get('customer-id')!
    const id = idOf(raw)
    try {
      if (id === null) throw new NotFound('Customer', raw)
      return await issueToken(ctx, id, 'login')
    } catch (e) {
      if (e instanceof NotFound) throw new RcError(`Invalid customer-id: ${canonicalInteger(raw)}`)
      throw e
    }
  },
})
