import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetDIDAccountsForMultipleProducts` (spec/porta.md §3 row 31): ACCT-M: accounts of a customer by MultipleProducts (§4). */
export const getDIDAccountsForMultipleProducts = portaOperation({
  wireId: 'GetDIDAccountsForMultipleProducts',
  methods: ['GET'],
  routes: [
    [31, '/GetDIDAccountsForMultipleProducts/:License/:ICustomer/:MultipleProducts/:GetDIDS'],
  ],
  summary: 'ACCT-M: accounts of a customer by MultipleProducts (Porta GetDIDAccountsForMultipleProducts, §3 row 31)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-M'),
})
