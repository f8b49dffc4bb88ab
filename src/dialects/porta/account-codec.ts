import {
  accountHoldings, enabledFeature, isCurrent,
  type AccountHoldings, type EffectiveFeature, type HuntGroup, type ServiceAccount,
} from '../../core/products/index.ts'
import type { OperationContext } from './product-operation.ts'
import { toProductAddon } from './product-codec.ts'
import { minDate, type PortaAccountValue } from './servicestack/index.ts'
import type { AccountServiceFeatureValue, HuntGroupInfoValue } from './servicestack/dto.ts'

// Core service account → PortaAccount (spec/porta.md §10 "PortaAccount"), in the projections of
// §4.3/§4.4. The details (effective features, add-on assignments, hunt groups) are read once per
// reply for all its accounts (`loadDetails`).

/** §4.3/§4.4 projections: list (default), summary (forACL), full (INFO). */
export type Projection = 'list' | 'summary' | 'full'

/** What accounts hold beyond their row, for a set of accounts, at one time. */
export interface AccountDetails extends AccountHoldings {
  now: Date
}

/** Reads the details of these accounts (a few queries, whatever their number). */
export async function loadDetails(ctx: OperationContext, list: ServiceAccount[]): Promise<AccountDetails> {
  const now = new Date()
  return { ...await accountHoldings(ctx.core, ctx.actor, list, now), now }
}

const TYPES = { sip: 'SIP', did: 'DID', alias: 'Alias', voucher: 'Voucher' } as const
const BILLING = { prepaid: 'Debit', postpaid: 'Credit', voucher: 'ReChargeVoucher', alias: 'Alias', beneficiary: 'Beneficiary' } as const

function yn(b: boolean): string {
  return b ? 'Y' : 'N'
}

function nonEmpty(s: string | null | undefined): s is string {
  return s !== null && s !== undefined && s.trim() !== ''
}

/** §10 `fullname`: `FirstName LastName` trimmed, else `Name`, else null. */
export function fullnameOf(a: ServiceAccount): string | null {
  return [a.firstName, a.lastName].filter(nonEmpty).join(' ').trim() || a.displayName || a.login || null
}

/** §10 `i_c_ext`: the extension's id is its account's id (an account has at most one extension). */
export function extensionIdOf(a: ServiceAccount): number {
  return a.extensionNumber ? a.id : 0
}

/** §10 `i_c_group`: the lowest-id hunt group where the account is a member with `primary_group`. */
function primaryGroupOf(a: ServiceAccount, groups: HuntGroup[]): number {
  const g = groups.find((h) => h.members.some((m) => m.accountId === a.id && m.primaryGroup))
  return g?.id ?? 0
}

function featureRows(features: EffectiveFeature[]): AccountServiceFeatureValue[] {
  const flags = features.map((f) => ({ ServiceFeatureName: f.name, ServiceAttributeName: null, ServiceAttributeId: 0, ServiceAttributeValue: yn(f.enabled) }))
  const attrs = features.flatMap((f) => f.attributes.map((x) => ({
    ServiceFeatureName: f.name, ServiceAttributeName: x.name, ServiceAttributeId: x.id, ServiceAttributeValue: x.values.join(','),
  })))
  return [...flags, ...attrs]
}

/** §10 HuntGroupInfo of group h seen from account a. */
function toHuntGroupInfo(h: HuntGroup, a: ServiceAccount): HuntGroupInfoValue {
  return {
    i_c_group: h.id, ActivationDate: h.createdAt, i_customer: h.customerId, IAccount: a.id, i_customerSpecified: true, name: h.name,
    fullname: `${h.name} (${h.number})`, hunt_sequence: h.sequence, hunt_keep_original_cli: yn(h.keepOriginalCli), i_c_ext: 0,
    hunt_active: yn(h.active), id: h.number, pickup_allowed: yn(h.pickupAllowed),
    assigned_extensions: h.members.map((m, i) => ({
      i_cg_ext: m.id, i_cg_extSpecified: true, i_c_ext: m.extensionNumber ? m.accountId : 0, i_c_extSpecified: true, type: 'Account',
      id: m.extensionNumber, name: m.extensionName, hunt_order: i + 1, hunt_delay: m.delaySeconds, hunt_expire: m.timeoutSeconds,
      hunt_active: yn(m.active), huntstop: yn(m.huntstop), primary_group: yn(m.primaryGroup), IAccount: m.accountId,
    })),
  }
}

/** §10 `DefaultValidIdentity`: the outbound presentation number (feature `cli`), else `AccountId`. */
export function identityOf(a: ServiceAccount, features: EffectiveFeature[]): string | null {
  return enabledFeature(features, 'cli')?.attributes.find((x) => x.name === 'presentation_number')?.values[0] ?? a.login
}

/** Maps one account in the given projection. */
export function toPortaAccount(a: ServiceAccount, d: AccountDetails, projection: Projection): PortaAccountValue {
  const features = d.features.get(a.id) ?? []
  const fullname = fullnameOf(a)
  const type = TYPES[a.kind]
  const billing = BILLING[a.billingModel]
  const blocked = !a.active
  const product = a.product
  if (projection === 'summary') {
    return {
      AccountId: a.login, IAccount: a.id, ICustomer: a.customerId, i_c_ext: extensionIdOf(a), ExtensionNumber: a.extensionNumber,
      fullname, Type: type, IProduct: product?.id ?? 0, ProductName: product?.name ?? null, Blocked: blocked, BillingModel: billing,
    }
  }
  const full = projection === 'full'
  const c = a.contact
  const address1 = c.address1 ?? (nonEmpty(a.address) ? a.address : null)
  const city = c.city ?? null
  const addressParts = [address1, c.address2, c.address3, c.address4, city, c.postcode].filter(nonEmpty)
  const creditLimit = billing === 'Credit' ? a.creditLimit : 0
  const available = billing === 'Credit' ? (Number(a.creditLimit) - Number(a.balance)).toFixed(5) : billing === 'Alias' ? 0 : a.balance
  const on = (name: string) => !!enabledFeature(features, name)
  const groups = d.huntGroups.get(a.id) ?? []
  return {
    AccountId: a.login,
    IAccount: a.id,
    i_c_ext: extensionIdOf(a),
    ICustomer: a.customerId,
    redirect_number: enabledFeature(features, 'call_forwarding')?.attributes.find((x) => x.name === 'forward_to')?.values[0] ?? null,
    DestinationName: null,
    BillingModel: billing,
    ISO4217: a.currency,
    Balance: a.balance,
    Blockedfield: yn(blocked),
    Blocked: blocked,
    UMEnabled: yn(on('voice_mail')),
    IMasterAccount: a.masterAccountId,
    UILogin: a.login,
    UIPassword: null,
    VoipPassword: full ? a.secret : null,
    SIPPassword: full ? a.secret : null,
    CreditLimit: creditLimit,
    IProduct: product?.id ?? 0,
    BatchNamePrefix: null,
    IBatch: 0,
    IRoutingPlan: 0,
    IEnv: a.tenantId,
    Email: a.email,
    customUrl: null,
    currentProfileImage: null,
    Phone1: a.phone,
    Address: addressParts.length ? addressParts.join(', ') : null,
    CompanyName: c.companyName ?? null,
    BillStatus: 'O',
    FollowMeEnabled: yn(on('follow_me')),
    ServiceFlags: null,
    IVDPlan: 0,
    Note: c.note ?? null,
    subscribername: fullname,
    SubscriberFName: a.firstName,
    SubscriberLName: a.lastName,
    Company: c.companyName ?? null,
    Name: a.displayName ?? a.login,
    FirstName: a.firstName,
    MiddleInitials: c.middleInitials ?? null,
    LastName: a.lastName,
    Address1: address1,
    Address2: c.address2 ?? null,
    Address3: c.address3 ?? null,
    Address4: c.address4 ?? null,
    Town: city,
    Region: c.region ?? null,
    City: city,
    Postcode: c.postcode ?? null,
    Country: c.country ?? null,
    Phone2: c.phone2 ?? null,
    PhoneNo: a.phone,
    Salutation: c.salutation ?? null,
    Fax: c.fax ?? null,
    availableBalance: available,
    hideCLI: on('clir'),
    DefaultValidIdentity: identityOf(a, features),
    ServiceFeatures: full ? featureRows(features) : null,
    ProductName: product?.name ?? null,
    i_ua: a.device?.id ?? 0,
    i_ua_type: a.device?.modelId ?? 0,
    Type: type,
    ExtensionNumber: a.extensionNumber,
    fullname,
    ActiveAddons: full ? (d.assignments.get(a.id) ?? []).filter((g) => isCurrent(g, d.now)).map((g) => toProductAddon(g, a.subscription)) : null,
    ICustomerSite: 0,
    MainProductName: product?.name ?? null,
    custom: false,
    templateID: 0,
    template: null,
    GlobalTemplate: null,
    isGlobalTemplate: false,
    HGInfo: full ? groups.map((h) => toHuntGroupInfo(h, a)) : null,
    i_c_group: primaryGroupOf(a, groups),
    VoiceDialing: on('voice_dialing'),
    TranslateIncomingCLI: on('cli_translation'),
    activation_date: a.activatedAt,
    last_usage: a.lastUsageAt ?? minDate(),
    first_usage_time: a.firstUsageAt ?? minDate(),
    issue_date: a.createdAt,
    inactivity_expire_time: a.inactivityExpireDays,
  }
}

/** §4.3 step 5: `ServiceFeatures` on a list/summary row when asked for. */
export function withFeatures(p: PortaAccountValue, a: ServiceAccount, d: AccountDetails, wanted: boolean): PortaAccountValue {
  p.ServiceFeatures = wanted ? featureRows(d.features.get(a.id) ?? []) : null
  return p
}
