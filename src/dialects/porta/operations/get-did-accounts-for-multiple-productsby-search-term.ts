import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetDIDAccountsForMultipleProductsbySearchTerm` (spec/porta.md §3 row 32): ACCT-M: accounts of a customer by MultipleProducts (§4). */
export const getDIDAccountsForMultipleProductsbySearchTerm = portaOperation({
  wireId: 'GetDIDAccountsForMultipleProductsbySearchTerm',
  methods: ['GET'],
  routes: [
    [32, '/GetDIDAccountsForMultipleProductsbySearchTerm/:License/:ICustomer/:MultipleProducts/:GetDIDS/:forProductSearchTerm'],
  ],
  summary: 'ACCT-M: accounts of a customer by MultipleProducts (Porta GetDIDAccountsForMultipleProductsbySearchTerm, §3 row 32)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-M'),
})
