import { assertCustomer, getProduct, queryServiceAccounts, type ServiceAccount } from '../../core/products/index.ts'
import { fullnameOf, loadDetails, toPortaAccount, withFeatures, type AccountDetails } from './account-codec.ts'
import type { OperationContext } from './product-operation.ts'
import { productMatches, termOf } from './product-codec.ts'
import { argumentFault, type PortaAccountValue, type ProductRequest, type ProductResponseValue } from './servicestack/index.ts'
import { echo } from './product-operation.ts'

// The account-list families of spec/porta.md §4.3: ACCT-C, ACCT-M, ACCT-A, ACCT-P. Step 1 (base
// set) per family; steps 2–5 (flag filters, count, paging, projection) shared. Flags are global:
// they apply whichever route or dispatch rule bound them (§4.1).

const MAX_PAGE_SIZE = 1000

export type AccountFamily = 'ACCT-C' | 'ACCT-M' | 'ACCT-A' | 'ACCT-P'

/** §4.1 MultipleProducts: all products, a set of ids, or (term mode) a product text term. */
export type ProductSelection = { mode: 'all' } | { mode: 'ids'; ids: Set<number> } | { mode: 'term'; term: string | null }

/** §4.1: term mode when one of the term flags is true and `GetAccByIProduct` is false. */
export function isTermMode(dto: ProductRequest): boolean {
  return !dto.GetAccByIProduct && !!(dto.getservicefeaturesbyProdSS || dto.forProductSearchTerm || dto.GetAccByProdSearchTerm || dto.getProductsbySearch || dto.getNonDIDAccbySearchTerm)
}

/** Parses `MultipleProducts` (§4.1); a bad token → 400 naming the field. */
export function productSelection(dto: ProductRequest): ProductSelection {
  const raw = dto.MultipleProducts ?? ''
  if (isTermMode(dto)) return { mode: 'term', term: termOf(raw) }
  const tokens = raw.split(',').map((t) => t.trim())
  if (tokens.length === 1 && (tokens[0] === '0' || tokens[0] === '*')) return { mode: 'all' }
  const ids = new Set<number>()
  for (const t of tokens) {
    if (!/^\+?[0-9]{1,10}$/.test(t) || Number(t) < 1 || Number(t) > 2_147_483_647) throw argumentFault('MultipleProducts', `MultipleProducts must be a comma-separated list of product ids, not '${t}'`)
    ids.add(Number(t))
  }
  return { mode: 'ids', ids }
}

function selects(sel: ProductSelection, a: ServiceAccount): boolean {
  if (sel.mode === 'all') return true
  if (sel.mode === 'ids') return !!a.product && sel.ids.has(a.product.id)
  return sel.term === null || (!!a.product && productMatches(a.product, sel.term))
}

/** Step 1 of §4.3: the family's base set (ordered by IAccount). */
async function baseSet(ctx: OperationContext, family: AccountFamily): Promise<ServiceAccount[]> {
  const { core, actor, dto } = ctx
  if (family === 'ACCT-P') {
    if (!dto.IProduct) throw argumentFault('IProduct')
    await getProduct(core, actor, dto.IProduct)
    return queryServiceAccounts(core, actor, { productIds: [dto.IProduct] })
  }
  if (!dto.ICustomer) throw argumentFault('ICustomer')
  await assertCustomer(core, actor, dto.ICustomer)
  if (family === 'ACCT-C') {
    const all = await queryServiceAccounts(core, actor, { customerId: dto.ICustomer })
    return dto.IProduct ? all.filter((a) => a.product?.id === dto.IProduct) : all
  }
  if (!dto.MultipleProducts) throw argumentFault('MultipleProducts')
  const sel = productSelection(dto)
  const all = await queryServiceAccounts(core, actor, { customerId: dto.ICustomer })
  return all.filter((a) => selects(sel, a) || (family === 'ACCT-A' && sel.mode === 'term' && sel.term !== null && advancedMatch(a, sel.term)))
}

function advancedMatch(a: ServiceAccount, term: string): boolean {
  const name = [a.firstName, a.lastName].filter(Boolean).join(' ').trim() || a.displayName || a.login
  return [a.login, a.extensionNumber, name, a.email].some((t) => !!t && t.toLowerCase().includes(term))
}

/** Runs an account-list family: `Accounts` and `NumberOfAccounts` (§4.3). */
export async function accountFamily(ctx: OperationContext, family: AccountFamily): Promise<ProductResponseValue> {
  const { dto } = ctx
  const pageSize = dto.PageOffset ?? 0
  const pageNumber = dto.PageNumber ?? 0
  if (pageSize < 0 || pageSize > MAX_PAGE_SIZE) throw argumentFault('PageOffset', `PageOffset must be between 0 and ${MAX_PAGE_SIZE}`)
  if (pageNumber < 0) throw argumentFault('PageNumber', 'PageNumber must not be negative')
  return { ...await listAccounts(ctx, await baseSet(ctx, family)), ...echo(dto) }
}

/**
 * Steps 2–5 of §4.3 over a base set. The filters read the account's own fields; only
 * `getaccountsforCLI` needs the effective features (`hideCLI`) of the whole set, and the details of
 * the projection are read for the page alone.
 */
export async function listAccounts(ctx: OperationContext, base: ServiceAccount[]): Promise<{ Accounts: PortaAccountValue[]; NumberOfAccounts: number }> {
  const { dto } = ctx
  const term = termOf(dto.SearchTerm)
  let rows = base.filter((a) => {
    if (a.kind === 'alias' && !dto.Aliases) return false
    if (dto.GetDIDS && a.kind !== 'did') return false
    if (dto.getNonDIDAccbySearchTerm && a.kind === 'did') return false
    if (dto.GetBlockedAccounts && a.active) return false
    if (dto.getaccountsforCLI && !a.active) return false
    if (dto.getZTPAccounts && !a.device) return false
    if (term !== null && ![a.login, a.extensionNumber, fullnameOf(a), a.email].some((t) => !!t && t.toLowerCase().includes(term))) return false
    return true
  })
  if (dto.getaccountsforCLI) {
    const { features } = await loadDetails(ctx, rows)
    rows = rows.filter((a) => !(features.get(a.id) ?? []).some((f) => f.name === 'clir' && f.enabled))
  }
  const pageSize = dto.PageOffset ?? 0
  const page = Math.max(dto.PageNumber ?? 0, 1)
  const shown = pageSize > 0 ? rows.slice((page - 1) * pageSize, page * pageSize) : rows
  const d: AccountDetails = await loadDetails(ctx, shown)
  const accounts = shown.map((a) => withFeatures(toPortaAccount(a, d, dto.forACL ? 'summary' : 'list'), a, d, !!dto.GetAccountServiceFeatures))
  return { Accounts: accounts, NumberOfAccounts: rows.length }
}
