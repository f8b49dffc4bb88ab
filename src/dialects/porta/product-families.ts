import { NotFound } from '../../core/errors.ts'
import {
  allowedAddons, assertCustomer, assertSubReseller, getProduct, productsWithFeatures, mainProductIdsOfCustomer, queryProducts, type CatalogProduct,
} from '../../core/products/index.ts'
import { productSelection } from './account-list.ts'
import { echo, type OperationContext } from './product-operation.ts'
import { filterProducts, productMatches, productsReply, termOf } from './product-codec.ts'
import { argumentFault, type ProductResponseValue } from './servicestack/index.ts'

// The product families of spec/porta.md §4.2 (→ `PortaProducts`): CAT (partner, reseller), SRCH,
// ADDON, CUSTPROD, ADMIN, PRICE. Every family applies `name` and the cloned-product rule
// (filterProducts); ordering by IProduct, the add-on catalogue by addon_priority then IProduct.

function reply(ctx: OperationContext, list: CatalogProduct[]): ProductResponseValue {
  return { ...productsReply(list), NumberOfAccounts: 0, ...echo(ctx.dto) }
}

function kindOf(ctx: OperationContext): 'main' | 'addon' {
  return ctx.dto.getProductAddon ? 'addon' : 'main'
}

/** CAT (partner): the partner's main products (add-ons with `getProductAddon`), sub-resellers' too with `ShowAllResellerProducts`. */
export async function catalogOfPartner(ctx: OperationContext): Promise<ProductResponseValue> {
  const all = await queryProducts(ctx.core, ctx.actor, { kind: kindOf(ctx) })
  const owned = ctx.dto.ShowAllResellerProducts ? all : all.filter((p) => p.ownerCustomerId === null)
  return reply(ctx, filterProducts(owned, ctx.dto, { currency: true }))
}

/** CAT (reseller): the main products (or add-ons) owned by sub-reseller `ResellerID`. */
export async function catalogOfReseller(ctx: OperationContext): Promise<ProductResponseValue> {
  const id = ctx.dto.ResellerID ?? 0
  if (!id) throw argumentFault('ResellerID')
  await assertSubReseller(ctx.core, ctx.actor, id)
  const list = await queryProducts(ctx.core, ctx.actor, { kind: kindOf(ctx), owners: [id] })
  return reply(ctx, filterProducts(list, ctx.dto, { currency: true }))
}

/** SRCH: products of the customer's parent (the partner or its sub-reseller), text-matched by `searchString`. */
export async function searchForCustomer(ctx: OperationContext): Promise<ProductResponseValue> {
  if (!ctx.dto.ICustomer) throw argumentFault('ICustomer')
  const customer = await assertCustomer(ctx.core, ctx.actor, ctx.dto.ICustomer)
  const list = await queryProducts(ctx.core, ctx.actor, { kind: kindOf(ctx), owners: [customer.parentCustomerId] })
  return reply(ctx, filterProducts(list, ctx.dto, { currency: true, term: termOf(ctx.dto.searchString) }))
}

/** ADDON: the add-ons main product `IProduct` allows, or every add-on (IProduct 0 or `getAllProductAddons`). */
export async function addonCatalogue(ctx: OperationContext): Promise<ProductResponseValue> {
  const { core, actor, dto } = ctx
  let list = await queryProducts(core, actor, { kind: 'addon' })
  if (dto.IProduct) {
    const main = await getProduct(core, actor, dto.IProduct)
    if (!dto.getAllProductAddons) {
      const allowed = new Set((await allowedAddons(core, actor, [main.id])).get(main.id) ?? [])
      list = list.filter((p) => allowed.has(p.id))
    }
  }
  list = filterProducts(list, dto, { term: termOf(dto.searchString) })
  if (dto.isServiceEnabled) {
    const withFeatures = await productsWithFeatures(core, actor, list.map((p) => p.id))
    list = list.filter((p) => withFeatures.has(p.id))
  }
  list.sort((a, b) => a.addonPriority - b.addonPriority || a.id - b.id)
  return reply(ctx, list)
}

/** CUSTPROD: the distinct main products of the customer's accounts, restricted by `MultipleProducts` when set. */
export async function productsOfCustomer(ctx: OperationContext): Promise<ProductResponseValue> {
  const { core, actor, dto } = ctx
  if (!dto.ICustomer) throw argumentFault('ICustomer')
  await assertCustomer(core, actor, dto.ICustomer)
  let list = await queryProducts(core, actor, { ids: await mainProductIdsOfCustomer(core, actor, dto.ICustomer) })
  if (dto.MultipleProducts) {
    const sel = productSelection(dto)
    if (sel.mode === 'ids') list = list.filter((p) => sel.ids.has(p.id))
    if (sel.mode === 'term') list = list.filter((p) => productMatches(p, sel.term))
  }
  return reply(ctx, filterProducts(list, dto))
}

/** ADMIN: every visible product, main and add-on, text-matched by `searchString` (else `SearchTerm`), filtered by `Currency`. */
export async function adminSearch(ctx: OperationContext): Promise<ProductResponseValue> {
  const list = await queryProducts(ctx.core, ctx.actor)
  const term = termOf(ctx.dto.searchString) ?? termOf(ctx.dto.SearchTerm)
  return reply(ctx, filterProducts(list, ctx.dto, { currency: true, term }))
}

/** PRICE: `TenantID` = the partner (IEnv) → its products; = a sub-reseller's ICustomer → that reseller's. */
export async function pricesOfTenant(ctx: OperationContext): Promise<ProductResponseValue> {
  const id = ctx.tenantId
  if (!id) throw argumentFault('TenantID')
  let owner: number | null = null
  if (id !== ctx.actor.tenantId) {
    await assertSubReseller(ctx.core, ctx.actor, id).catch(() => { throw new NotFound('Tenant', id) })
    owner = id
  }
  const list = await queryProducts(ctx.core, ctx.actor, { owners: [owner] })
  return reply(ctx, filterProducts(list, ctx.dto))
}
