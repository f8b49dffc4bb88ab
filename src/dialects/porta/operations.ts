import type { DispatchRoute, OperationTable } from '../operation.ts'
import { getAccountInfoByIAccount } from './operations/get-account-info-by-iaccount.ts'
import { getAccounts } from './operations/get-accounts.ts'
import type { PortaServe } from './product-operation.ts'

/** The catch-all route under the prefix: GET and POST reach operations (the plugin routes every method here, answering no route to others). */
export const PORTA_DISPATCH: DispatchRoute = { methods: ['GET', 'POST'], path: '/*' }

/**
 * The §3 routes of spec/porta.md that Porta serves, one operation each, keyed by the §3 literal
 * (the operation name); later issues add rows. Every path under the prefix reaches one catch-all
 * route (`dispatch`: §3 matching is not Fastify's) that looks the operation up here
 * (route-matcher.ts). Any other path is the §8 no-route 404.
 */
export const PORTA_OPERATIONS: OperationTable<PortaServe> = {
  dialect: 'porta',
  dispatch: PORTA_DISPATCH,
  operations: [getAccountInfoByIAccount, getAccounts],
}
