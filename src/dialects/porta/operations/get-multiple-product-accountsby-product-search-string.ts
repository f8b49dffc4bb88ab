import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetMultipleProductAccountsbyProductSearchString` (spec/porta.md §3 row 21): ACCT-M: accounts of a customer by MultipleProducts (§4). */
export const getMultipleProductAccountsbyProductSearchString = portaOperation({
  wireId: 'GetMultipleProductAccountsbyProductSearchString',
  methods: ['GET'],
  routes: [
    [21, '/GetMultipleProductAccountsbyProductSearchString/:License/:ICustomer/:MultipleProducts/:GetAccountServiceFeatures/:getservicefeaturesbyProdSS'],
  ],
  summary: 'ACCT-M: accounts of a customer by MultipleProducts (Porta GetMultipleProductAccountsbyProductSearchString, §3 row 21)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-M'),
})
