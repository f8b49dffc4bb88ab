import { Type } from 'typebox'
import type { CatalogProduct } from '../../core/products/index.ts'
import { Id } from './schemas.ts'

// The native API's view of the service catalogue (spec/porta.md §10 products and add-ons): schemas
// and rendering, shared by the product routes.

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])
const Fee = Type.String({ pattern: '^[0-9]{1,9}(\\.[0-9]{1,5})?$', examples: ['9.99'] })

export const ProductView = Type.Object({
  id: Type.Integer({ description: 'IProduct' }),
  resellerId: Type.Integer(),
  ownerCustomerId: Nullable(Type.Integer({ description: 'the sub-reseller customer owning it; null = the reseller' })),
  kind: Type.Union([Type.Literal('main'), Type.Literal('addon')]),
  name: Type.String(),
  description: Nullable(Type.String()),
  endUserName: Nullable(Type.String()),
  groupId: Nullable(Type.Integer()),
  addonPriority: Type.Integer({ description: 'add-on precedence: higher overrides lower; 0 for main products' }),
  fee: Fee,
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  subscriptionId: Nullable(Type.Integer()),
  clonedFromId: Nullable(Type.Integer()),
  createdAt: Type.String({ format: 'date-time' }),
}, { examples: [{
  id: 7, resellerId: 2, ownerCustomerId: null, kind: 'main', name: 'Gold', description: 'Gold plan', endUserName: 'Gold Voice', groupId: null,
  addonPriority: 0, fee: '9.99', currency: 'GBP', subscriptionId: null, clonedFromId: null, createdAt: '2026-12-07T10:00:00.000Z',
}] })

/** The body of `POST /products` (`resellerId`: the platform admin names the reseller). */
export const ProductCreate = Type.Object({
  resellerId: Type.Optional(Id),
  kind: Type.Union([Type.Literal('main'), Type.Literal('addon')]),
  name: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  endUserName: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  groupId: Type.Optional(Nullable(Id)),
  addonPriority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  fee: Type.Optional(Fee),
  currency: Type.String({ pattern: '^[A-Za-z]{3}$' }),
  subscriptionId: Type.Optional(Nullable(Id)),
  clonedFromId: Type.Optional(Nullable(Id)),
  ownerCustomerId: Type.Optional(Nullable(Id)),
}, { additionalProperties: false, examples: [{ resellerId: 2, kind: 'addon', name: 'Intl', fee: '2', currency: 'GBP', addonPriority: 1 }] })

/** The body and reply of `PUT /products/:id/addons`. */
export const ProductAddons = Type.Object({
  addonIds: Type.Array(Id, { maxItems: 1000, description: 'the add-on products the main product allows' }),
}, { additionalProperties: false, examples: [{ addonIds: [8, 9] }] })

export function productView(p: CatalogProduct) {
  return {
    id: p.id, resellerId: p.tenantId, ownerCustomerId: p.ownerCustomerId, kind: p.kind, name: p.name, description: p.description,
    endUserName: p.endUserName, groupId: p.groupId, addonPriority: p.addonPriority, fee: p.fee.includes('.') ? p.fee.replace(/0+$/, '').replace(/\.$/, '') : p.fee, currency: p.currency,
    subscriptionId: p.subscription?.id ?? null, clonedFromId: p.clonedFromId, createdAt: p.createdAt.toISOString(),
  }
}
