import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetAccountsForMultipleProducts` (spec/porta.md §3 rows 24, 25): ACCT-M: accounts of a customer by MultipleProducts (§4). */
export const getAccountsForMultipleProducts = portaOperation({
  wireId: 'GetAccountsForMultipleProducts',
  methods: ['GET'],
  routes: [
    [24, '/GetAccountsForMultipleProducts/:License/:ICustomer/:MultipleProducts/:forACL'],
    [25, '/GetAccountsForMultipleProducts/:License/:ICustomer/:MultipleProducts'],
  ],
  summary: 'ACCT-M: accounts of a customer by MultipleProducts (Porta GetAccountsForMultipleProducts, §3 rows 24, 25)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-M'),
})
