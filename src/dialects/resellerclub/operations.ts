import type { OperationTable } from '../operation.ts'
import type { RcServe } from './call.ts'
import { customersAuthenticateToken } from './operations/customers-authenticate-token.ts'
import { customersChangePassword } from './operations/customers-change-password.ts'
import { customersDelete } from './operations/customers-delete.ts'
import { customersDetailsById } from './operations/customers-details-by-id.ts'
import { customersDetails } from './operations/customers-details.ts'
import { customersForgotPassword } from './operations/customers-forgot-password.ts'
import { customersGenerateLoginToken } from './operations/customers-generate-login-token.ts'
import { customersGenerateToken } from './operations/customers-generate-token.ts'
import { customersModify } from './operations/customers-modify.ts'
import { customersSearch } from './operations/customers-search.ts'
import { customersSignup } from './operations/customers-signup.ts'
import { mailActivate } from './operations/mail-activate.ts'
import { pgAllowedlistForCustomer } from './operations/pg-allowedlist-for-customer.ts'
import { resellersPromoDetails } from './operations/resellers-promo-details.ts'

/**
 * Every call of spec/resellerclub.md §4 this dialect answers, in the order the plugin routes them.
 * Wire id: the call name (`customers/details-by-id`); path: its `.json` URL (`/api/customers/details-by-id.json`),
 * which the plugin also routes as `.xml` and under each alias (call.ts `rcUrls`). Any other path is
 * `Unknown API call` (404).
 */
export const RESELLERCLUB_OPERATIONS: OperationTable<RcServe> = {
  dialect: 'resellerclub',
  operations: [
    customersSignup, customersModify, customersDetails, customersDetailsById, customersSearch, customersDelete, customersChangePassword, customersForgotPassword,
    customersGenerateToken, customersGenerateLoginToken, customersAuthenticateToken,
    pgAllowedlistForCustomer, resellersPromoDetails, mailActivate,
  ],
}
