import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetAccountsForMultipleBlockedProducts` (spec/porta.md §3 row 30): ACCT-M: accounts of a customer by MultipleProducts (§4). */
export const getAccountsForMultipleBlockedProducts = portaOperation({
  wireId: 'GetAccountsForMultipleBlockedProducts',
  methods: ['GET'],
  routes: [
    [30, '/GetAccountsForMultipleBlockedProducts/:License/:ICustomer/:MultipleProducts/:GetBlockedAccounts'],
  ],
  summary: 'ACCT-M: accounts of a customer by MultipleProducts (Porta GetAccountsForMultipleBlockedProducts, §3 row 30)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-M'),
})
