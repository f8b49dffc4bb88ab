import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetCustomerAllDIDAccountsBySearchTerm` (spec/porta.md §3 row 33): ACCT-A: accounts of a customer by MultipleProducts, advanced term match (§4). */
export const getCustomerAllDIDAccountsBySearchTerm = portaOperation({
  wireId: 'GetCustomerAllDIDAccountsBySearchTerm',
  methods: ['GET'],
  routes: [
    [33, '/GetCustomerAllDIDAccountsBySearchTerm/:License/:ICustomer/:MultipleProducts/:GetDIDS/:GetAccByProdSearchTerm'],
  ],
  summary: 'ACCT-A: accounts of a customer by MultipleProducts, advanced term match (Porta GetCustomerAllDIDAccountsBySearchTerm, §3 row 33)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-A'),
})
