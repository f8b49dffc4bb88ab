import { assertCustomer, getProduct, pageServiceAccounts, type ServiceAccountQuery } from '../../core/products/index.ts'
import { loadDetails, toPortaAccount, withFeatures, type AccountDetails } from './account-codec.ts'
import type { OperationContext } from './product-operation.ts'
import { termOf } from './product-codec.ts'
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

/** Step 1 of §4.3: the family's base set, as a query (the subject checked first: 400 or 404). */
async function baseSet(ctx: OperationContext, family: AccountFamily): Promise<ServiceAccountQuery> {
  const { core, actor, dto } = ctx
  if (family === 'ACCT-P') {
    if (!dto.IProduct) throw argumentFault('IProduct')
    await getProduct(core, actor, dto.IProduct)
    return { productIds: [dto.IProduct] }
  }
  if (!dto.ICustomer) throw argumentFault('ICustomer')
  await assertCustomer(core, actor, dto.ICustomer)
  if (family === 'ACCT-C') return { customerId: dto.ICustomer, ...(dto.IProduct ? { productIds: [dto.IProduct] } : {}) }
  if (!dto.MultipleProducts) throw argumentFault('MultipleProducts')
  const sel = productSelection(dto)
  if (sel.mode === 'ids') return { customerId: dto.ICustomer, productIds: [...sel.ids] }
  if (sel.mode === 'term' && sel.term !== null) return { customerId: dto.ICustomer, productText: { term: sel.term, orAccountText: family === 'ACCT-A' } }
  return { customerId: dto.ICustomer }
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

/** Step 2 of §4.3: the flag filters, added to the base set's query. */
function withFlagFilters(dto: ProductRequest, base: ServiceAccountQuery): ServiceAccountQuery {
  const term = termOf(dto.SearchTerm)
  return {
    ...base,
    ...(dto.Aliases ? {} : { excludeKinds: ['alias'] }),
    ...(dto.GetDIDS ? { kinds: ['did'] } : {}),
    ...(dto.getNonDIDAccbySearchTerm ? { excludeKinds: dto.Aliases ? ['did'] : ['alias', 'did'] } : {}),
    ...(dto.GetBlockedAccounts ? { blocked: true } : {}),
    ...(dto.getaccountsforCLI ? { blocked: false, withoutEnabledFeature: { name: 'clir', now: new Date() } } : {}),
    ...(dto.getZTPAccounts ? { withDevice: true } : {}),
    ...(term !== null ? { accountText: term } : {}),
  }
}

/**
 * Steps 2–5 of §4.3 over a base set, in the database: the filters, the count, the page; the
 * details of the projection are read for the page alone.
 */
export async function listAccounts(ctx: OperationContext, base: ServiceAccountQuery): Promise<{ Accounts: PortaAccountValue[]; NumberOfAccounts: number }> {
  const { core, actor, dto } = ctx
  // Blocked accounts and accounts for CLI (unblocked ones) exclude each other.
  if (dto.GetBlockedAccounts && dto.getaccountsforCLI) return { Accounts: [], NumberOfAccounts: 0 }
  const q = withFlagFilters(dto, base)
  const pageSize = dto.PageOffset ?? 0
  const page = pageSize > 0 ? { offset: (Math.max(dto.PageNumber ?? 0, 1) - 1) * pageSize, limit: pageSize } : undefined
  const { total, accounts: shown } = await pageServiceAccounts(core, actor, q, page)
  const d: AccountDetails = await loadDetails(ctx, shown)
  const accounts = shown.map((a) => withFeatures(toPortaAccount(a, d, dto.forACL ? 'summary' : 'list'), a, d, !!dto.GetAccountServiceFeatures))
  return { Accounts: accounts, NumberOfAccounts: total }
}
