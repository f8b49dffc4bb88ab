import type { AddonAssignment, CatalogProduct } from '../../core/products/index.ts'
import { minDate, type ProductRequest } from './servicestack/index.ts'
import type { PortaProductValue, ProductAddonValue } from './servicestack/dto.ts'

// Core products and add-on assignments → PortaProduct / ProductAddon (spec/porta.md §10), and the
// §4.1 product filters shared by the product families.

/** §10 PortaProduct. */
export function toPortaProduct(p: CatalogProduct): PortaProductValue {
  return {
    IProduct: p.id, Name: p.name, MaintanenceFee: p.fee, IProductGroup: p.groupId ?? 0, Description: p.description,
    EndUserProductName: p.endUserName, addon_priority: p.kind === 'addon' ? p.addonPriority : 0,
  }
}

/** §10 ProductAddon: assignment g attaching add-on q to account a (with a's subscription instance, if any). */
export function toProductAddon(g: AddonAssignment, subscription: { from: Date | null; to: Date | null } | null): ProductAddonValue {
  const q = g.addon
  const to = g.effectiveTo ?? minDate()
  return {
    IProduct: q.id, Name: q.name, MaintanenceFee: q.fee, IProductGroup: q.groupId ?? 0, Description: q.description,
    i_subscription: q.subscription?.id ?? 0, Subscription_Fees: q.subscription?.fee ?? 0, Currency: q.currency, IAccount: g.accountId,
    effective_from: subscription?.from ?? g.effectiveFrom, effective_to: subscription ? subscription.to ?? minDate() : to,
    IAccountProductAddOn: g.id, Product_Group_Name: q.groupName, IAddonProduct: q.id,
    effective_from_ProductAddon: g.effectiveFrom, effective_to_ProductAddon: to, ProductAddon: q.endUserName || q.name,
  }
}

/** §4.1: an unset value or `*` means "no filter"; else the lower-cased term. */
export function termOf(s: string | null | undefined): string | null {
  return s === null || s === undefined || s === '' || s === '*' ? null : s.toLowerCase()
}

/** §4.1 product text match: `Name`, `EndUserProductName`, case-insensitive substring. */
export function productMatches(p: CatalogProduct, term: string | null): boolean {
  if (term === null) return true
  return [p.name, p.endUserName].some((t) => !!t && t.toLowerCase().includes(term))
}

/**
 * The filters every product family applies: `name` (exact, ignoring case), cloned products only
 * with `isClonedEnabled`; `Currency` and the text term where the family uses them.
 */
export function filterProducts(list: CatalogProduct[], dto: ProductRequest, opts: { currency?: boolean; term?: string | null } = {}): CatalogProduct[] {
  const name = termOf(dto.name)
  const currency = opts.currency ? termOf(dto.Currency) : null
  return list.filter((p) => {
    if (name !== null && p.name.toLowerCase() !== name) return false
    if (p.clonedFromId && !dto.isClonedEnabled) return false
    if (currency !== null && p.currency.toLowerCase() !== currency) return false
    return productMatches(p, opts.term ?? null)
  })
}

/** The §4.2 product-list reply. */
export function productsReply(list: CatalogProduct[]): { PortaProducts: PortaProductValue[] } {
  return { PortaProducts: list.map(toPortaProduct) }
}
