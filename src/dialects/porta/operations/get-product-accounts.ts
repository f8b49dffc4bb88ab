import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetProductAccounts` (spec/porta.md §3 row 17): ACCT-P: accounts of a main product (§4). */
export const getProductAccounts = portaOperation({
  wireId: 'GetProductAccounts',
  methods: ['GET'],
  routes: [
    [17, '/GetProductAccounts/:License/:IProduct'],
  ],
  summary: 'ACCT-P: accounts of a main product (Porta GetProductAccounts, §3 row 17)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-P'),
})
