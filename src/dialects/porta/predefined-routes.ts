import { PORTA_OPERATION_LIST } from './operations.ts'
import type { PortaOperation } from './product-operation.ts'
import type { Format, ProductRequest } from './servicestack/index.ts'

// spec/porta.md §5: the predefined routes `/{json|xml|jsv|csv}/{reply|oneway}/Product` and
// `/api/Product` (any verb, segments ignoring case), and the rules that pick the operation from the
// bound DTO (first match wins). Batched `Product[]` paths are not served.

export interface PredefinedRoute {
  /** The format segment (reads the body and is the default reply format); null on `/api/`. */
  format: Format | null
  /** `oneway`: 204 with an empty body on success. */
  oneway: boolean
}

const FORMATS = new Set(['json', 'xml', 'jsv', 'csv'])

/** The predefined route these decoded segments name, or null. */
export function matchPredefined(segments: readonly string[]): PredefinedRoute | null {
  const s = segments.map((x) => x.toLowerCase())
  if (s.length === 2 && s[0] === 'api' && s[1] === 'product') return { format: null, oneway: false }
  if (s.length === 3 && FORMATS.has(s[0]!) && (s[1] === 'reply' || s[1] === 'oneway') && s[2] === 'product') {
    return { format: s[0] as Format, oneway: s[1] === 'oneway' }
  }
  return null
}

const byName = new Map(PORTA_OPERATION_LIST.map((op) => [op.wireId.toLowerCase(), op]))

function op(wireId: string): PortaOperation {
  const o = byName.get(wireId.toLowerCase())
  if (!o) throw new Error(`no Porta operation ${wireId}`)
  return o
}

const set = (s: string | null | undefined) => s !== null && s !== undefined && s !== ''

/** §5 dispatch: the operation a predefined-route request runs. */
export function chooseOperation(dto: ProductRequest, tenantId: number): PortaOperation {
  const named = dto.FeatureName ? byName.get(dto.FeatureName.toLowerCase()) : undefined
  if (named) return named
  if (dto.LstIAccounts?.length) return op('GetProductAddOnsForMultipleAccounts')
  if (dto.getProductsbySearch) return op('GetProductsBySearchString')
  if (set(dto.MultipleProducts)) {
    if (dto.GetAccByProdSearchTerm || (dto.getNonDIDAccbySearchTerm && !dto.getaccountsforCLI && !dto.getZTPAccounts)) return op('GetCustomerAllAccountsByAdvSearchString')
    return op('GetAccountsForMultipleProducts')
  }
  if (dto.getProductAddonFlag || dto.isActiveAddon) return op('GetAssignedProductAddOnstoAccount')
  if (set(dto.fromDate) || set(dto.toDate) || set(dto.filterByActivationDate)) return op('GetProductsList')
  if (set(dto.AccountID)) return op('GetAccountInfoByAccountId')
  if (dto.IAccount) return op('GetAccountInfoByIAccount')
  if (dto.ICustomer && set(dto.searchString)) return op('GetProductBySearch')
  if (dto.ICustomer) return op('GetAccounts')
  if (dto.IProduct || dto.getAllProductAddons || dto.isServiceEnabled) return op('GetProductAddons')
  if (dto.ResellerID) return op('GetProductsByReseller')
  if (tenantId) return op('getProductsPricebyTenantID')
  if (set(dto.searchString)) return op('GetAdminProductsBySearchString')
  return op('GetProducts')
}
