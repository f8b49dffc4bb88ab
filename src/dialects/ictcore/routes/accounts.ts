import type { DialectOptions } from '../../dialect.ts'
import {
  clearAccountOwner, createAccount, deleteAccount, getAccount, listAccounts, setAccountOwner, updateAccount, type AccountType,
} from '../../../core/accounts/index.ts'
import { ACCOUNT_FILTERS, accountIn, accountOut, listQueryIn } from '../codec.ts'
import type { IctcoreRouter } from '../router.ts'

/**
 * `/accounts`, and `/dids`, `/extensions` (+ `/{id}`) as the same collection narrowed to one type
 * (spec/ictcore.md §4.9, §5.2); the owner relation.
 */
export function accountRoutes(r: IctcoreRouter, { core }: DialectOptions): void {
  for (const [base, type] of [['/accounts', undefined], ['/dids', 'did'], ['/extensions', 'extension']] as const satisfies readonly (readonly [string, AccountType | undefined])[]) {
    r.post(base, async ({ actor, body }) => {
      const input = accountIn(body)
      return createAccount(core, actor, type ? { ...input, type } : input)
    }, { summary: `Create an account${type ? ` of type ${type}` : ''}` })
    r.get(base, async ({ req, actor, query }) => (await listAccounts(core, actor, listQueryIn(req, query, ACCOUNT_FILTERS), { type })).map(accountOut))
    r.get(`${base}/:account_id`, async ({ actor, params }) => accountOut(await getAccount(core, actor, params.account_id as number, type)))
    r.put(`${base}/:account_id`, async ({ actor, params, body }) => accountOut(await updateAccount(core, actor, params.account_id as number, accountIn(body), type)))
    r.delete(`${base}/:account_id`, async ({ actor, params }) => {
      await deleteAccount(core, actor, params.account_id as number, type)
      return true
    })
  }

  r.put('/accounts/:account_id/users/:user_id', async ({ actor, params }) =>
    accountOut(await setAccountOwner(core, actor, params.account_id as number, params.user_id as number)), { summary: 'Give an account to a user' })
  r.delete('/accounts/:account_id/users', async ({ actor, params }) =>
    accountOut(await clearAccountOwner(core, actor, params.account_id as number)), { summary: 'Leave an account without owner' })
}
