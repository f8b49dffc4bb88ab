import { getServiceAccount, queryServiceAccounts } from '../../core/products/index.ts'
import { loadDetails, toPortaAccount } from './account-codec.ts'
import { echo, type OperationContext } from './product-operation.ts'
import type { ProductResponseValue } from './servicestack/index.ts'

// INFO (spec/porta.md §4.4): `AccountInfo` = the account in full projection (SIP secret included,
// `UIPassword` null). `forBLF` adds `Accounts`: the customer's other non-closed accounts that have
// an extension, in summary projection (the busy-lamp-field candidates).

/** Runs INFO for the account found by `by` (a non-closed account in scope, else 404). */
export async function accountInfo(ctx: OperationContext, by: { id: number } | { login: string }): Promise<ProductResponseValue> {
  const { core, actor, dto } = ctx
  const account = await getServiceAccount(core, actor, by, { withSecret: true })
  const others = dto.forBLF
    ? await queryServiceAccounts(core, actor, { customerId: account.customerId, withExtension: true, excludeIds: [account.id] })
    : []
  const details = await loadDetails(ctx, [account, ...others])
  const info = toPortaAccount(account, details, 'full')
  if (!dto.forBLF) return { AccountInfo: info, NumberOfAccounts: 0, ...echo(dto) }
  const blf = others.map((a) => toPortaAccount(a, details, 'summary'))
  return { AccountInfo: info, Accounts: blf, NumberOfAccounts: blf.length, ...echo(dto) }
}
