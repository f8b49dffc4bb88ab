import { accountInfo } from '../info-family.ts'
import { portaOperation } from '../product-operation.ts'
import { argumentFault } from '../servicestack/index.ts'

/** INFO `GetAccountInfoByAccountId` (spec/porta.md §3 row 13; §4.4): one account in full by its `AccountId` (exact, case-sensitive). */
export const getAccountInfoByAccountId = portaOperation({
  wireId: 'GetAccountInfoByAccountId',
  methods: ['GET'],
  routes: [[13, '/GetAccountInfoByAccountId/:License/:AccountID']],
  summary: 'INFO: one account in full by AccountId (Porta GetAccountInfoByAccountId, §3 row 13)',
  serve: (ctx) => {
    if (!ctx.dto.AccountID) throw argumentFault('AccountID')
    return accountInfo(ctx, { login: ctx.dto.AccountID })
  },
})
