import { Type, type TSchema } from 'typebox'
import type { PaymentGateway, Promo } from '../../core/catalog/index.ts'
import type { CustomerWithLogin } from '../../core/customers/index.ts'
import type { Page } from '../../core/kernel/index.ts'
import type { InventoryNumber } from '../../core/numbers/index.ts'
import type { ProductOrder } from '../../core/orders/index.ts'
import type { ResellerSummary } from '../../core/platform/index.ts'
import { MAX_ID } from '../../core/kernel/ids.ts'
import { Id } from './schemas.ts'

// How the native API shows core's operator objects (JSON: ISO times, decimals as strings), with the
// TypeBox schema of each, so validation, the reply and /docs come from one place.

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
const Time = Type.String({ format: 'date-time', examples: ['2026-12-07T10:00:00.000Z'] })
const iso = (d: Date) => d.toISOString()
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null)

/** A decimal amount as text without trailing zeros (`"10"`, `"8.99"`). */
export const Amount = Type.String({ pattern: '^[0-9]{1,11}(\\.[0-9]{1,3})?$', examples: ['8.99'] })
const amount = (v: string) => (v.includes('.') ? v.replace(/\.?0+$/, '') : v)

/** `limit` and `offset` of every collection. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Rows per page (1-500)' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ID, default: 0, description: 'Rows skipped' })),
}

/** `{items, total}` of a collection. */
export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), total: Type.Integer({ description: 'Rows matching, over every page' }) })
}

export function pageView<T, V>(page: Page<T>, view: (row: T) => V): { items: V[]; total: number } {
  return { items: page.items.map(view), total: page.total }
}

export const DialectName = Type.Union(['ictcore', 'packetera', 'resellerclub', 'porta', 'delacon'].map((d) => Type.Literal(d)))

export const ResellerView = Type.Object({
  id: Type.Integer(), name: Type.String(), username: Type.String(), parentId: Nullable(Type.Integer()),
  enabled: Type.Boolean(), dialects: Nullable(Type.Array(Type.String())), createdAt: Time,
}, { examples: [{ id: 2, name: 'Gamma Telecom', username: 'gamma', parentId: null, enabled: true, dialects: null, createdAt: '2026-12-07T10:00:00.000Z' }] })
export const resellerView = (r: ResellerSummary) => ({ ...r, createdAt: iso(r.createdAt) })

export const CustomerView = Type.Object({
  id: Type.Integer(), resellerId: Type.Integer(), login: Nullable(Type.String()), name: Type.String(), company: Nullable(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]), country: Nullable(Type.String()),
  totalReceipts: Amount, createdAt: Time,
}, { examples: [{ id: 7, resellerId: 2, login: 'ann@example.com', name: 'Ann Lee', company: 'Lee Ltd', status: 'active', country: 'AU', totalReceipts: '125.5', createdAt: '2026-12-07T10:00:00.000Z' }] })
export const customerView = ({ customer: c, login }: CustomerWithLogin) => ({
  id: c.id, resellerId: c.tenantId, login, name: c.name, company: c.company, status: c.status, country: c.country,
  totalReceipts: amount(c.totalReceipts), createdAt: iso(c.createdAt),
})

const PromoFieldsSchema = {
  productKey: Type.String({ minLength: 1, maxLength: 64, examples: ['domcno'] }),
  startsAt: Time, endsAt: Time,
  period: Type.Integer({ minimum: 1, maximum: 10, description: 'Years' }),
  resellerPriceOne: Amount, resellerPriceTwo: Amount, customerPrice: Amount, barrierPrice: Amount, resellerPrice: Amount,
  currencySymbol: Type.String({ pattern: '^[A-Z]{3}$', examples: ['USD'] }),
  actionType: Type.String({ minLength: 1, maxLength: 50, examples: ['addnewdomain'] }),
  sellingCurrency: Type.String({ pattern: '^[A-Z]{3}$', examples: ['USD'] }),
  active: Type.Boolean(), trickleAllowed: Type.Boolean(),
}
export const PromoView = Type.Object({ id: Type.Integer(), resellerId: Type.Integer(), ...PromoFieldsSchema, createdAt: Time, updatedAt: Time })
const PROMO_EXAMPLE = {
  productKey: 'domcno', startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2027-01-31T23:59:59.000Z', period: 1,
  resellerPriceOne: '7.99', resellerPriceTwo: '9.99', customerPrice: '10.99', barrierPrice: '7', resellerPrice: '8.5',
  currencySymbol: 'USD', actionType: 'addnewdomain', sellingCurrency: 'USD', active: true, trickleAllowed: false,
}
/** The body of `POST /promos` (`resellerId`: the platform admin names the reseller). */
export const PromoCreate = Type.Object({
  resellerId: Type.Optional(Id), ...PromoFieldsSchema,
  period: Type.Optional(PromoFieldsSchema.period), barrierPrice: Type.Optional(Amount),
  currencySymbol: Type.Optional(PromoFieldsSchema.currencySymbol), sellingCurrency: Type.Optional(PromoFieldsSchema.sellingCurrency),
  active: Type.Optional(Type.Boolean()), trickleAllowed: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, examples: [{ resellerId: 2, ...PROMO_EXAMPLE }] })
export const PromoChange = Type.Partial(Type.Object(PromoFieldsSchema), { additionalProperties: false, examples: [{ active: false }] })
export const promoView = (p: Promo) => ({
  id: p.id, resellerId: p.tenantId, productKey: p.productKey, startsAt: iso(p.startsAt), endsAt: iso(p.endsAt), period: p.period,
  resellerPriceOne: amount(p.resellerPriceOne), resellerPriceTwo: amount(p.resellerPriceTwo), customerPrice: amount(p.customerPrice),
  barrierPrice: amount(p.barrierPrice), resellerPrice: amount(p.resellerPrice), currencySymbol: p.currencySymbol,
  actionType: p.actionType, sellingCurrency: p.sellingCurrency, active: p.active, trickleAllowed: p.trickleAllowed,
  createdAt: iso(p.createdAt), updatedAt: iso(p.updatedAt),
})

const PaymentType = Type.Union([Type.Literal('AddFund'), Type.Literal('Payment')])
const GatewayFieldsSchema = {
  gatewayType: Type.String({ minLength: 1, maxLength: 64, examples: ['paypal'] }),
  gatewayName: Type.String({ minLength: 1, maxLength: 255, examples: ['PayPal'] }),
  postUrl: Type.String({ minLength: 1, maxLength: 2000, examples: ['https://pay.example.com/paypal'] }),
  displayPosition: Type.Integer({ minimum: 0, maximum: 10_000 }),
  customerAccessLevel: Type.String({ minLength: 1, maxLength: 64, examples: ['ALL'] }),
  paymentTypes: Type.Array(PaymentType, { minItems: 1, maxItems: 2, description: 'AddFund, Payment or both' }),
}
export const GatewayView = Type.Object({ id: Type.Integer({ description: 'paymenttypeid' }), resellerId: Type.Integer(), ...GatewayFieldsSchema, createdAt: Time, updatedAt: Time })
export const GatewayCreate = Type.Object({
  resellerId: Type.Optional(Id), ...GatewayFieldsSchema,
  displayPosition: Type.Optional(GatewayFieldsSchema.displayPosition), customerAccessLevel: Type.Optional(GatewayFieldsSchema.customerAccessLevel),
}, { additionalProperties: false, examples: [{ resellerId: 2, gatewayType: 'paypal', gatewayName: 'PayPal', postUrl: 'https://pay.example.com/paypal', displayPosition: 1, paymentTypes: ['AddFund', 'Payment'] }] })
export const GatewayChange = Type.Partial(Type.Object(GatewayFieldsSchema), { additionalProperties: false, examples: [{ displayPosition: 2 }] })
export const gatewayView = (g: PaymentGateway) => ({
  id: g.id, resellerId: g.tenantId, gatewayType: g.gatewayType, gatewayName: g.gatewayName, postUrl: g.postUrl,
  displayPosition: g.displayPosition, customerAccessLevel: g.customerAccessLevel, paymentTypes: g.paymentTypes,
  createdAt: iso(g.createdAt), updatedAt: iso(g.updatedAt),
})

export const OrderStatus = Type.Union([Type.Literal('active'), Type.Literal('suspended')])
export const OrderView = Type.Object({
  id: Type.Integer(), resellerId: Type.Integer(), customerId: Type.Integer(), productKey: Type.String(), status: OrderStatus,
  freeEmail: Type.Boolean(), freeEmailActivatedAt: Nullable(Time), createdAt: Time, updatedAt: Time,
}, { examples: [{ id: 11, resellerId: 2, customerId: 7, productKey: 'domcno', status: 'active', freeEmail: false, freeEmailActivatedAt: null, createdAt: '2026-12-07T10:00:00.000Z', updatedAt: '2026-12-07T10:00:00.000Z' }] })
export const orderView = (o: ProductOrder) => ({
  id: o.id, resellerId: o.tenantId, customerId: o.customerId, productKey: o.productKey, status: o.status,
  freeEmail: o.freeEmail, freeEmailActivatedAt: isoOrNull(o.freeEmailActivatedAt), createdAt: iso(o.createdAt), updatedAt: iso(o.updatedAt),
})

export const NumberView = Type.Object({
  id: Type.Integer(), number: Type.String(), region: Type.String(), numberType: Type.String(),
  resellerId: Nullable(Type.Integer({ description: 'null: deployment-wide stock' })), state: Type.Union([Type.Literal('free'), Type.Literal('allocated')]),
  customerId: Nullable(Type.Integer()), allocatedAt: Nullable(Time), createdAt: Time,
}, { examples: [{ id: 5, number: '1300123456', region: 'Australia', numberType: '1300', resellerId: null, state: 'free', customerId: null, allocatedAt: null, createdAt: '2026-12-07T10:00:00.000Z' }] })
export const numberView = (n: InventoryNumber) => ({ ...n, allocatedAt: isoOrNull(n.allocatedAt), createdAt: iso(n.createdAt) })
