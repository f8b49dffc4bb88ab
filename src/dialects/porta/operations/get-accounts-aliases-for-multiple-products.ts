import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetAccountsAliasesForMultipleProducts` (spec/porta.md §3 row 23): ACCT-M: accounts of a customer by MultipleProducts (§4). */
export const getAccountsAliasesForMultipleProducts = portaOperation({
  wireId: 'GetAccountsAliasesForMultipleProducts',
  methods: ['GET'],
  routes: [
    [23, '/GetAccountsAliasesForMultipleProducts/:License/:ICustomer/:MultipleProducts/:Aliases'],
  ],
  summary: 'ACCT-M: accounts of a customer by MultipleProducts (Porta GetAccountsAliasesForMultipleProducts, §3 row 23)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-M'),
})
