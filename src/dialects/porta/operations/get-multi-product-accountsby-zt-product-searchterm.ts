import { accountFamily } from '../account-list.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetMultiProductAccountsbyZTProductSearchterm` (spec/porta.md §3 row 29): ACCT-M: accounts of a customer by MultipleProducts (§4). */
export const getMultiProductAccountsbyZTProductSearchterm = portaOperation({
  wireId: 'GetMultiProductAccountsbyZTProductSearchterm',
  methods: ['GET'],
  routes: [
    [29, '/GetMultiProductAccountsbyZTProductSearchterm/:License/:ICustomer/:MultipleProducts/:getNonDIDAccbySearchTerm/:getaccountsforCLI/:getZTPAccounts'],
  ],
  summary: 'ACCT-M: accounts of a customer by MultipleProducts (Porta GetMultiProductAccountsbyZTProductSearchterm, §3 row 29)',
  serve: (ctx) => accountFamily(ctx, 'ACCT-M'),
})
