import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetMultiProductAccountsbyProductSearchterm` (spec/porta.md §3 row 28): ACCT-M: accounts of a customer by MultipleProducts (§4). */
export const getMultiProductAccountsbyProductSearchterm = portaOperation({
  wireId: 'GetMultiProductAccountsbyProductSearchterm',
  methods: ['GET'],
  routes: [
    [28, '/GetMultiProductAccountsbyProductSearchterm/:License/:ICustomer/:MultipleProducts/:getNonDIDAccbySearchTerm/:getaccountsforCLI'],
  ],
  summary: 'ACCT-M: accounts of a customer by MultipleProducts (Porta GetMultiProductAccountsbyProductSearchterm, §3 row 28)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-M'),
})
