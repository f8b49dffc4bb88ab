import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetAccountsServiceFeatures` (spec/porta.md §3 row 19): ACCT-C: accounts of a customer (§4). */
export const getAccountsServiceFeatures = portaOperation({
  wireId: 'GetAccountsServiceFeatures',
  methods: ['GET'],
  routes: [
    [19, '/GetAccountsServiceFeatures/:License/:ICustomer/:IProduct/:GetAccountServiceFeatures'],
  ],
  summary: 'ACCT-C: accounts of a customer (Porta GetAccountsServiceFeatures, §3 row 19)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-C'),
})
