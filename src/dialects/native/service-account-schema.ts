import { Type, type TSchema } from 'typebox'
import type { AccountServicePatch, AddonAssignment, NewServiceAccount, ServiceAccount } from '../../core/products/index.ts'
import { decimal } from './catalog-schema.ts'
import { Id } from './schemas.ts'

// The native API's view of service accounts (spec/porta.md §10 PortaAccount): kind, customer,
// product, billing, blocking and closing, extension, device, subscription instance, add-on
// assignments. The SIP secret is write-only.

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
const Time = Type.String({ format: 'date-time', examples: ['2026-12-07T10:00:00.000Z'] })
const Money = Type.String({ pattern: '^-?[0-9]{1,9}(\\.[0-9]{1,5})?$', examples: ['12.5'] })
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null)
const Kind = Type.Union([Type.Literal('sip'), Type.Literal('did'), Type.Literal('alias'), Type.Literal('voucher')])
const BillingModel = Type.Union(['prepaid', 'postpaid', 'voucher', 'alias', 'beneficiary'].map((m) => Type.Literal(m)),
  { description: 'prepaid = Porta Debit, postpaid = Credit, voucher = ReChargeVoucher' })
const Currency = Type.String({ pattern: '^[A-Za-z]{3}$' })
const Text = Type.String({ maxLength: 255 })
const Extension = Type.String({ pattern: '^[0-9]{1,15}$' })

export const ServiceAccountView = Type.Object({
  id: Type.Integer({ description: 'IAccount' }),
  resellerId: Type.Integer(),
  customerId: Type.Integer({ description: 'ICustomer' }),
  kind: Kind,
  login: Nullable(Type.String({ description: 'AccountId: the login, or a DID\'s number' })),
  firstName: Nullable(Type.String()), lastName: Nullable(Type.String()), email: Nullable(Type.String()), displayName: Nullable(Type.String()),
  productId: Nullable(Type.Integer({ description: 'the main product (an alias\'s is its master\'s)' })),
  masterAccountId: Nullable(Type.Integer({ description: 'an alias\'s master account' })),
  billingModel: BillingModel,
  currency: Nullable(Type.String()),
  balance: Money,
  creditLimit: Money,
  blocked: Type.Boolean(),
  extensionNumber: Nullable(Type.String()), extensionName: Nullable(Type.String()),
  contact: Type.Record(Type.String(), Type.String()),
  device: Nullable(Type.Object({ id: Type.Integer({ description: 'i_ua' }), modelId: Type.Integer({ description: 'i_ua_type' }) })),
  subscription: Nullable(Type.Object({ planId: Type.Integer(), name: Type.String(), fee: Money, from: Nullable(Time), to: Nullable(Time) })),
  inactivityExpireDays: Type.Integer(),
  createdAt: Time, activatedAt: Time, closedAt: Nullable(Time), firstUsageAt: Nullable(Time), lastUsageAt: Nullable(Time),
}, { examples: [{
  id: 12, resellerId: 2, customerId: 5, kind: 'sip', login: 'ann.sip', firstName: 'Ann', lastName: 'Lee', email: null, displayName: null, productId: 7,
  masterAccountId: null, billingModel: 'postpaid', currency: 'GBP', balance: '12.5', creditLimit: '100', blocked: false, extensionNumber: '201',
  extensionName: 'Ann', contact: {}, device: null, subscription: null, inactivityExpireDays: 0, createdAt: '2026-12-07T10:00:00.000Z',
  activatedAt: '2026-12-07T10:00:00.000Z', closedAt: null, firstUsageAt: null, lastUsageAt: null,
}] })

export function serviceAccountView(a: ServiceAccount) {
  return {
    id: a.id, resellerId: a.tenantId, customerId: a.customerId, kind: a.kind, login: a.login, firstName: a.firstName, lastName: a.lastName, email: a.email,
    displayName: a.displayName, productId: a.product?.id ?? null, masterAccountId: a.masterAccountId || null, billingModel: a.billingModel, currency: a.currency,
    balance: decimal(a.balance), creditLimit: decimal(a.creditLimit), blocked: !a.active, extensionNumber: a.extensionNumber, extensionName: a.extensionName,
    contact: a.contact, device: a.device,
    subscription: a.subscription ? { planId: a.subscription.id, name: a.subscription.name, fee: decimal(a.subscription.fee), from: isoOrNull(a.subscription.from), to: isoOrNull(a.subscription.to) } : null,
    inactivityExpireDays: a.inactivityExpireDays, createdAt: a.createdAt.toISOString(), activatedAt: a.activatedAt.toISOString(), closedAt: isoOrNull(a.closedAt),
    firstUsageAt: isoOrNull(a.firstUsageAt), lastUsageAt: isoOrNull(a.lastUsageAt),
  }
}

const CONTACT = Type.Object(Object.fromEntries(['salutation', 'middleInitials', 'companyName', 'address1', 'address2', 'address3', 'address4', 'city', 'region',
  'postcode', 'country', 'phone2', 'fax', 'note'].map((k) => [k, Type.Optional(Text)])), { additionalProperties: false })

/** What `POST /service-accounts` and `PATCH /service-accounts/:id` both set. */
const serviceFields = {
  billingModel: Type.Optional(BillingModel),
  currency: Type.Optional(Nullable(Currency)),
  balance: Type.Optional(Money),
  creditLimit: Type.Optional(Money),
  displayName: Type.Optional(Nullable(Text)),
  extensionNumber: Type.Optional(Nullable(Extension)),
  extensionName: Type.Optional(Nullable(Text)),
  contact: Type.Optional(CONTACT),
}

/** The body of `POST /service-accounts`. */
export const ServiceAccountCreate = Type.Object({
  customerId: Id,
  kind: Kind,
  login: Type.String({ minLength: 1, maxLength: 255, description: 'SIP/alias/voucher login; for a DID a free number of the inventory (digits)' }),
  secret: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'SIP secret (never returned)' })),
  firstName: Type.Optional(Nullable(Text)), lastName: Type.Optional(Nullable(Text)), email: Type.Optional(Nullable(Text)),
  productId: Type.Optional(Nullable(Id)),
  masterAccountId: Type.Optional(Id),
  ...serviceFields,
}, { additionalProperties: false, examples: [{ customerId: 5, kind: 'sip', login: 'ann.sip', secret: 's3cret-pass', productId: 7, billingModel: 'postpaid', currency: 'GBP', creditLimit: '100' }] })

export type ServiceAccountCreateBody = Omit<NewServiceAccount, 'service'> & AccountServicePatch & { secret?: string }

/** Splits the create body into the account and its service record. */
export function newServiceAccount(b: ServiceAccountCreateBody): NewServiceAccount {
  const { customerId, kind, login, secret, firstName, lastName, email, productId, masterAccountId, ...service } = b
  return { customerId, kind, login, secret, firstName, lastName, email, productId, masterAccountId, service }
}

/** The body of `PATCH /service-accounts/:id` (absent = unchanged). */
export const ServiceAccountChange = Type.Object({
  productId: Type.Optional(Nullable(Id)),
  ...serviceFields,
  inactivityExpireDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 36_500 })),
  activatedAt: Type.Optional(Time),
  subscription: Type.Optional(Nullable(Type.Object({ planId: Id, from: Time, to: Type.Optional(Nullable(Time)) }, { additionalProperties: false }))),
}, { additionalProperties: false, examples: [{ billingModel: 'prepaid', balance: '20', subscription: { planId: 4, from: '2026-12-01T00:00:00Z' } }] })

/** The change body with its times as Dates. */
export function servicePatch(b: Record<string, unknown>): AccountServicePatch {
  const out: Record<string, unknown> = { ...b }
  if (typeof b.activatedAt === 'string') out.activatedAt = new Date(b.activatedAt)
  const s = b.subscription as { planId: number; from: string; to?: string | null } | null | undefined
  if (s) out.subscription = { planId: s.planId, from: new Date(s.from), to: s.to ? new Date(s.to) : null }
  return out as AccountServicePatch
}

export const AddonAssignmentView = Type.Object({
  id: Type.Integer({ description: 'IAccountProductAddOn' }), accountId: Type.Integer(), addonProductId: Type.Integer(), name: Type.String(),
  from: Time, to: Nullable(Time),
}, { examples: [{ id: 9, accountId: 12, addonProductId: 8, name: 'Intl', from: '2026-12-01T00:00:00.000Z', to: null }] })
export const addonAssignmentView = (g: AddonAssignment) => ({
  id: g.id, accountId: g.accountId, addonProductId: g.addon.id, name: g.addon.name, from: g.effectiveFrom.toISOString(), to: isoOrNull(g.effectiveTo),
})

/** The body of `POST /service-accounts/:id/addons` (`from` absent = now, `to` absent = open-ended). */
export const AddonAssignmentCreate = Type.Object({ addonProductId: Id, from: Type.Optional(Time), to: Type.Optional(Nullable(Time)) },
  { additionalProperties: false, examples: [{ addonProductId: 8, from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }] })

/** The body of `PATCH /service-accounts/:id/addons/:assignmentId`: the new end (null = open-ended). */
export const AddonAssignmentEnd = Type.Object({ to: Nullable(Time) }, { additionalProperties: false, examples: [{ to: '2027-01-01T00:00:00Z' }] })

/** The body of `PUT /service-accounts/:id/device`. */
export const DeviceBody = Type.Object({
  modelId: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'the phone model (i_ua_type)' }),
  mac: Type.Optional(Nullable(Type.String({ pattern: '^[0-9A-Fa-f]{2}([:-]?[0-9A-Fa-f]{2}){5}$' }))),
}, { additionalProperties: false, examples: [{ modelId: 3, mac: '00:15:65:aa:bb:cc' }] })
