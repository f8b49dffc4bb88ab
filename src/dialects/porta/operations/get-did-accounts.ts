import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetDIDAccounts` (spec/porta.md §3 row 37): ACCT-C: accounts of a customer (§4). */
export const getDIDAccounts = portaOperation({
  wireId: 'GetDIDAccounts',
  methods: ['GET'],
  routes: [
    [37, '/GetDIDAccounts/:License/:ICustomer/:IProduct/:GetDIDS'],
  ],
  summary: 'ACCT-C: accounts of a customer (Porta GetDIDAccounts, §3 row 37)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-C'),
})
