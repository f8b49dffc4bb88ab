import { resellerActor, type Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { pageWindow, type Page, type PageRequest } from '../kernel/pages.ts'
import { resellerFilter, resellerForWrite } from '../platform/platform.ts'
import { createProduct, queryProducts, setAllowedAddons, type CatalogProduct, type NewProduct } from './catalog.ts'

// The operator's view of the catalogue (native admin API, CLI): a reseller administrator manages its
// own products; the platform admin names the reseller (`resellerId`).

/** Products, by id, of the caller's reseller (the platform admin: all, or one reseller's), paged. */
export async function pageProducts(core: Core, actor: Actor, q: { resellerId?: number; kind?: 'main' | 'addon' } & PageRequest = {}): Promise<Page<CatalogProduct>> {
  const { limit, offset } = pageWindow(q)
  const tenant = resellerFilter(actor, q.resellerId)
  const all = (await queryProducts(core, actor, { kind: q.kind })).filter((p) => tenant === undefined || p.tenantId === tenant)
  return { items: all.slice(offset, offset + limit), total: all.length }
}

/** Creates a product of the caller's reseller (the platform admin names it with `resellerId`). */
export async function createResellerProduct(core: Core, actor: Actor, input: NewProduct & { resellerId?: number }): Promise<CatalogProduct> {
  const { resellerId, ...product } = input
  return createProduct(core, resellerActor(await resellerForWrite(core, actor, resellerId)), product)
}

/** Sets the add-ons a main product allows (reseller administrators and the platform admin). */
export async function setProductAddons(core: Core, actor: Actor, productId: number, addonIds: number[]): Promise<number[]> {
  resellerFilter(actor, undefined)
  await setAllowedAddons(core, actor, productId, addonIds)
  return [...new Set(addonIds)]
}
