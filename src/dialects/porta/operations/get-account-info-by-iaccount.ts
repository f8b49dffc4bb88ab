import { accountInfo } from '../info-family.ts'
import { portaOperation } from '../product-operation.ts'
import { argumentFault } from '../servicestack/index.ts'

/** INFO `GetAccountInfoByIAccount` (spec/porta.md §3 rows 14, 15; §4.4): one account in full by `IAccount`, with `forBLF` its BLF candidates. */
export const getAccountInfoByIAccount = portaOperation({
  wireId: 'GetAccountInfoByIAccount',
  methods: ['GET'],
  routes: [
    [14, '/GetAccountInfoByIAccount/:License/:IAccount'],
    [15, '/GetAccountInfoByIAccount/:License/:IAccount/:forBLF'],
  ],
  summary: 'INFO: one account in full by IAccount (Porta GetAccountInfoByIAccount, §3 rows 14, 15)',
  serve: (ctx) => {
    if (!ctx.dto.IAccount) throw argumentFault('IAccount')
    return accountInfo(ctx, { id: ctx.dto.IAccount })
  },
})
