import { addonAssignments, getServiceAccount, isCurrent, queryServiceAccounts, type ServiceAccount } from '../../core/products/index.ts'
import { echo, type OperationContext } from './product-operation.ts'
import { toProductAddon } from './product-codec.ts'
import { argumentFault, type ProductResponseValue } from './servicestack/index.ts'

// ASSIGN (spec/porta.md §4.4): the add-on assignments (`ProductAddon` rows) of `IAccount`, or of
// every account of `LstIAccounts` (unknown ids skipped). State: `isActiveAddon` → current only;
// else `getProductAddonFlag` → current and future; else all.

/** Runs ASSIGN for one account (`multi` false) or for `LstIAccounts`. */
export async function assignedAddons(ctx: OperationContext, multi: boolean): Promise<ProductResponseValue> {
  const { core, actor, dto } = ctx
  let list: ServiceAccount[]
  if (multi) {
    if (!dto.LstIAccounts?.length) throw argumentFault('LstIAccounts')
    list = await queryServiceAccounts(core, actor, { accountIds: [...new Set(dto.LstIAccounts)] })
  } else {
    if (!dto.IAccount) throw argumentFault('IAccount')
    list = [await getServiceAccount(core, actor, { id: dto.IAccount })]
  }
  const now = new Date()
  const byId = new Map(list.map((a) => [a.id, a]))
  const rows = (await addonAssignments(core, actor, list.map((a) => a.id))).filter((g) => {
    if (dto.isActiveAddon) return isCurrent(g, now)
    if (dto.getProductAddonFlag) return g.effectiveTo === null || g.effectiveTo > now
    return true
  })
  return { ProductAddonsInfo: rows.map((g) => toProductAddon(g, byId.get(g.accountId)!.subscription)), NumberOfAccounts: 0, ...echo(dto) }
}
