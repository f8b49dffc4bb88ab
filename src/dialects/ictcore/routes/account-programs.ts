import {
  subscribeNewProgram, subscribeProgram, unsubscribeAllPrograms, unsubscribeProgram, unsubscribeProgramType,
} from '../../../core/programs/index.ts'
import type { DialectOptions } from '../../dialect.ts'
import { accountOut } from '../codec.ts'
import type { IctcoreRouter } from '../router.ts'
import { programIn, programTypeParam } from './programs.ts'

/** Account program subscriptions `/accounts/{account_id}/programs…` (spec/ictcore.md §4.9, §7.4). */
export function accountProgramRoutes(r: IctcoreRouter, { core }: DialectOptions): void {
  r.put('/accounts/:account_id/programs/:program_id', async ({ actor, params }) =>
    accountOut(await subscribeProgram(core, actor, params.account_id as number, params.program_id as number)), { summary: 'Subscribe an inbound program to an account' })
  r.put('/accounts/:account_id/programs/:type', async ({ actor, params, body }) => {
    const type = programTypeParam(params.type)
    return subscribeNewProgram(core, actor, params.account_id as number, type, programIn(body))
  }, { summary: 'Create an inbound program for an account and subscribe it' })
  r.delete('/accounts/:account_id/programs/:program_id', async ({ actor, params }) =>
    accountOut(await unsubscribeProgram(core, actor, params.account_id as number, params.program_id as number)))
  r.delete('/accounts/:account_id/programs/:type', async ({ actor, params }) => {
    const type = programTypeParam(params.type)
    return accountOut(await unsubscribeProgramType(core, actor, params.account_id as number, type))
  })
  r.delete('/accounts/:account_id/programs', async ({ actor, params }) =>
    accountOut(await unsubscribeAllPrograms(core, actor, params.account_id as number)))
}
