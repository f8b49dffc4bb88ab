import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetCustomerAllAccountsByAdvSearchString` (spec/porta.md §3 row 27): ACCT-A: accounts of a customer by MultipleProducts, advanced term match (§4). */
export const getCustomerAllAccountsByAdvSearchString = portaOperation({
  wireId: 'GetCustomerAllAccountsByAdvSearchString',
  methods: ['GET'],
  routes: [
    [27, '/GetCustomerAllAccountsByAdvSearchString/:License/:ICustomer/:MultipleProducts/:getNonDIDAccbySearchTerm'],
  ],
  summary: 'ACCT-A: accounts of a customer by MultipleProducts, advanced term match (Porta GetCustomerAllAccountsByAdvSearchString, §3 row 27)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-A'),
})
