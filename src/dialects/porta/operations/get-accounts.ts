import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetAccounts` (spec/porta.md §3 rows 18, 22, 38): ACCT-C: accounts of a customer (§4). */
export const getAccounts = portaOperation({
  wireId: 'GetAccounts',
  methods: ['GET'],
  routes: [
    [18, '/GetAccounts/:License/:ICustomer/:IProduct'],
    [22, '/GetAccounts/:License/:ICustomer/:IProduct/:Aliases'],
    [38, '/GetAccounts/:License/:ICustomer'],
  ],
  summary: 'ACCT-C: accounts of a customer (Porta GetAccounts, §3 rows 18, 22, 38)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-C'),
})
