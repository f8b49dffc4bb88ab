import type { DispatchRoute, OperationTable } from '../operation.ts'
import { getAccountInfoByAccountId } from './operations/get-account-info-by-account-id.ts'
import { getAccountInfoByIAccount } from './operations/get-account-info-by-iaccount.ts'
import { getAccounts } from './operations/get-accounts.ts'
import { getAccountsAliasesForMultipleProducts } from './operations/get-accounts-aliases-for-multiple-products.ts'
import { getAccountsForMultipleBlockedProducts } from './operations/get-accounts-for-multiple-blocked-products.ts'
import { getAccountsForMultipleProducts } from './operations/get-accounts-for-multiple-products.ts'
import { getAccountsServiceFeatures } from './operations/get-accounts-service-features.ts'
import { getAdminProductsBySearchString } from './operations/get-admin-products-by-search-string.ts'
import { getAllProductAddons } from './operations/get-all-product-addons.ts'
import { getAssignedProductAddOnstoAccount } from './operations/get-assigned-product-add-onsto-account.ts'
import { getCurrentActiveProductAddons } from './operations/get-current-active-product-addons.ts'
import { getCustomerAllAccountsByAdvSearchString } from './operations/get-customer-all-accounts-by-adv-search-string.ts'
import { getCustomerAllDIDAccountsByIProduct } from './operations/get-customer-all-did-accounts-by-iproduct.ts'
import { getCustomerAllDIDAccountsBySearchTerm } from './operations/get-customer-all-did-accounts-by-search-term.ts'
import { getCustomerProducts } from './operations/get-customer-products.ts'
import { getDIDAccounts } from './operations/get-did-accounts.ts'
import { getDIDAccountsForMultipleProducts } from './operations/get-did-accounts-for-multiple-products.ts'
import { getDIDAccountsForMultipleProductsbySearchTerm } from './operations/get-did-accounts-for-multiple-productsby-search-term.ts'
import { getMultiProductAccountsbyProductSearchterm } from './operations/get-multi-product-accountsby-product-searchterm.ts'
import { getMultiProductAccountsbyZTProductSearchterm } from './operations/get-multi-product-accountsby-zt-product-searchterm.ts'
import { getMultipleProductAccountsServiceFeatures } from './operations/get-multiple-product-accounts-service-features.ts'
import { getMultipleProductAccountsbyProductSearchString } from './operations/get-multiple-product-accountsby-product-search-string.ts'
import { getPagedAccountsForMultipleProducts } from './operations/get-paged-accounts-for-multiple-products.ts'
import { getProductAccounts } from './operations/get-product-accounts.ts'
import { getProductAddOnsForMultipleAccounts } from './operations/get-product-add-ons-for-multiple-accounts.ts'
import { getProductAddonBySearch } from './operations/get-product-addon-by-search.ts'
import { getProductAddons } from './operations/get-product-addons.ts'
import { getProductBySearch } from './operations/get-product-by-search.ts'
import { getProducts } from './operations/get-products.ts'
import { getProductsByReseller } from './operations/get-products-by-reseller.ts'
import { getProductsBySearchString } from './operations/get-products-by-search-string.ts'
import { getProductsList } from './operations/get-products-list.ts'
import { getProductsPricebyTenantID } from './operations/get-products-priceby-tenant-id.ts'
import { getPurchasedProductAddons } from './operations/get-purchased-product-addons.ts'
import type { PortaOperation, PortaServe } from './product-operation.ts'

/** The catch-all route under the prefix: every path reaches it; §3 routes are GET or POST, the §5 predefined routes take any verb. */
export const PORTA_DISPATCH: DispatchRoute = { methods: ['GET', 'POST'], path: '/*' }

/**
 * The operations of spec/porta.md §3, one per §3 literal (the operation name), in the order of
 * their first route on the reference page; each lists its §3 routes (row, path). Every path under
 * the prefix reaches one catch-all route (`dispatch`: §3 matching is not Fastify's) that looks the
 * route up here (route-matcher.ts); the predefined routes (§5) pick an operation by the bound DTO.
 */
export const PORTA_OPERATION_LIST: readonly PortaOperation[] = [
  getProductAddons,
  getPurchasedProductAddons,
  getProducts,
  getProductsByReseller,
  getProductBySearch,
  getProductAddonBySearch,
  getProductsList,
  getProductsPricebyTenantID,
  getAccountInfoByAccountId,
  getAccountInfoByIAccount,
  getCustomerProducts,
  getProductAccounts,
  getAccounts,
  getAccountsServiceFeatures,
  getMultipleProductAccountsServiceFeatures,
  getMultipleProductAccountsbyProductSearchString,
  getAccountsAliasesForMultipleProducts,
  getAccountsForMultipleProducts,
  getPagedAccountsForMultipleProducts,
  getCustomerAllAccountsByAdvSearchString,
  getMultiProductAccountsbyProductSearchterm,
  getMultiProductAccountsbyZTProductSearchterm,
  getAccountsForMultipleBlockedProducts,
  getDIDAccountsForMultipleProducts,
  getDIDAccountsForMultipleProductsbySearchTerm,
  getCustomerAllDIDAccountsBySearchTerm,
  getProductsBySearchString,
  getAdminProductsBySearchString,
  getCustomerAllDIDAccountsByIProduct,
  getDIDAccounts,
  getAssignedProductAddOnstoAccount,
  getProductAddOnsForMultipleAccounts,
  getCurrentActiveProductAddons,
  getAllProductAddons,
]

export const PORTA_OPERATIONS: OperationTable<PortaServe> = {
  dialect: 'porta',
  dispatch: PORTA_DISPATCH,
  operations: PORTA_OPERATION_LIST,
}

/** Every §3 route in reference-page order: verb, path (`{Var}` as `:Var`), operation. */
export const PORTA_ROUTES: readonly { row: number; verb: string; path: string; operation: PortaOperation }[] = PORTA_OPERATION_LIST
  .flatMap((operation) => operation.routes.map(([row, path]) => ({ row, verb: operation.methods[0]!, path, operation })))
  .sort((a, b) => a.row - b.row)
