import { assertCustomer, getProduct, queryServiceAccounts, type ServiceAccount } from '../../core/products/index.ts'
import { loadDetails, toPortaAccount, withFeatures, type AccountDetails } from './account-codec.ts'
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

/** §4.1 account text fields: `AccountId`, `ExtensionNumber`, `fullname`, `Email`. */
function accountMatches(p: PortaAccountValue, term: string): boolean {
  return [p.AccountId, p.ExtensionNumber, p.fullname, p.Email].some((t) => !!t && t.toLowerCase().includes(term))
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
  const base = await baseSet(ctx, family)
  const details = await loadDetails(ctx, base)
  return { ...listAccounts(base, details, dto), ...echo(dto) }
}

/** Steps 2–5 of §4.3 over a base set. */
export function listAccounts(base: ServiceAccount[], d: AccountDetails, dto: ProductRequest): { Accounts: PortaAccountValue[]; NumberOfAccounts: number } {
  const term = termOf(dto.SearchTerm)
  const rows = base.map((a) => ({ a, p: toPortaAccount(a, d, 'list') })).filter(({ p }) => {
    if (p.Type === 'Alias' && !dto.Aliases) return false
    if (dto.GetDIDS && p.Type !== 'DID') return false
    if (dto.getNonDIDAccbySearchTerm && p.Type === 'DID') return false
    if (dto.GetBlockedAccounts && !p.Blocked) return false
    if (dto.getaccountsforCLI && (p.Blocked || p.hideCLI)) return false
    if (dto.getZTPAccounts && !p.i_ua) return false
    if (term !== null && !accountMatches(p, term)) return false
    return true
  })
  const pageSize = dto.PageOffset ?? 0
  const page = Math.max(dto.PageNumber ?? 0, 1)
  const shown = pageSize > 0 ? rows.slice((page - 1) * pageSize, page * pageSize) : rows
  const accounts = shown.map(({ a, p }) => withFeatures(dto.forACL ? toPortaAccount(a, d, 'summary') : p, a, d, !!dto.GetAccountServiceFeatures))
  return { Accounts: accounts, NumberOfAccounts: rows.length }
}
