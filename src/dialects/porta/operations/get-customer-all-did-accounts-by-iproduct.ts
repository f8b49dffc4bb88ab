import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetCustomerAllDIDAccountsByIProduct` (spec/porta.md §3 row 36): ACCT-A: accounts of a customer by MultipleProducts, advanced term match (§4). */
export const getCustomerAllDIDAccountsByIProduct = portaOperation({
  wireId: 'GetCustomerAllDIDAccountsByIProduct',
  methods: ['GET'],
  routes: [
    [36, '/GetCustomerAllDIDAccountsByIProduct/:License/:ICustomer/:MultipleProducts/:GetDIDS/:GetAccByIProduct'],
  ],
  summary: 'ACCT-A: accounts of a customer by MultipleProducts, advanced term match (Porta GetCustomerAllDIDAccountsByIProduct, §3 row 36)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-A'),
})
