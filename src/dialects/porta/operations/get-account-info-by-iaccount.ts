import { getCustomerAccount, listCustomerAccounts } from '../../../core/accounts/account-directory.ts'
import { toPortaAccount } from '../account-codec.ts'
import { echo, portaOperation } from '../product-operation.ts'
import { argumentFault } from '../servicestack/index.ts'

/**
 * INFO `GetAccountInfoByIAccount` (spec/porta.md §3 row 14, §4.4): `AccountInfo` in full projection
 * (SIP secret included). `forBLF` adds `Accounts`: the customer's other accounts that have an
 * extension, in summary form.
 */
export const getAccountInfoByIAccount = portaOperation({
  wireId: 'GetAccountInfoByIAccount',
  methods: ['GET'],
  path: '/GetAccountInfoByIAccount/:License/:IAccount',
  summary: 'One account in full by IAccount (Porta INFO GetAccountInfoByIAccount, §3 row 14)',
  serve: async ({ core, actor, dto }) => {
    if (!dto.IAccount) throw argumentFault('IAccount')
    const account = await getCustomerAccount(core, actor, dto.IAccount, { withSecret: true })
    const info = toPortaAccount(account, 'full')
    if (!dto.forBLF) return { AccountInfo: info, NumberOfAccounts: 0, ...echo(dto) }
    const others = (await listCustomerAccounts(core, actor, account.customerId))
      .filter((a) => a.id !== account.id)
      .map((a) => toPortaAccount(a, 'summary'))
      .filter((p) => !!p.i_c_ext)
    return { AccountInfo: info, Accounts: others, NumberOfAccounts: others.length, ...echo(dto) }
  },
})
