import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetPagedAccountsForMultipleProducts` (spec/porta.md §3 row 26): ACCT-M: accounts of a customer by MultipleProducts (§4). */
export const getPagedAccountsForMultipleProducts = portaOperation({
  wireId: 'GetPagedAccountsForMultipleProducts',
  methods: ['GET'],
  routes: [
    [26, '/GetPagedAccountsForMultipleProducts/:License/:ICustomer/:MultipleProducts/:PageNumber/:PageOffset/:SearchTerm'],
  ],
  summary: 'ACCT-M: accounts of a customer by MultipleProducts (Porta GetPagedAccountsForMultipleProducts, §3 row 26)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-M'),
})
