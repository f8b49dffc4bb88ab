import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetMultipleProductAccountsServiceFeatures` (spec/porta.md §3 row 20): ACCT-M: accounts of a customer by MultipleProducts (§4). */
export const getMultipleProductAccountsServiceFeatures = portaOperation({
  wireId: 'GetMultipleProductAccountsServiceFeatures',
  methods: ['GET'],
  routes: [
    [20, '/GetMultipleProductAccountsServiceFeatures/:License/:ICustomer/:MultipleProducts/:GetAccountServiceFeatures'],
  ],
  summary: 'ACCT-M: accounts of a customer by MultipleProducts (Porta GetMultipleProductAccountsServiceFeatures, §3 row 20)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-M'),
})
