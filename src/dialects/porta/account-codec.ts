import type { DirectoryAccount } from '../../core/accounts/account-directory.ts'
import { minDate, type PortaAccountValue } from './servicestack/index.ts'

// Core account → PortaAccount (spec/porta.md §10 "PortaAccount"). Products, billing, features,
// PBX and devices are later concepts: until the core has them, their fields carry the value-type
// defaults or the §10 fixed values (docs/decisions/porta.md "Account fields without core data yet").

/** §4.3/§4.4 projections: list (default), summary (forACL), full (INFO). */
export type Projection = 'list' | 'summary' | 'full'

/** `AccountId`: a DID's number, else the account's login name. */
export function accountIdOf(a: DirectoryAccount): string | null {
  return a.type === 'did' ? (a.phone ?? a.username) : (a.username ?? a.phone)
}

function yn(b: boolean): string {
  return b ? 'Y' : 'N'
}

function nonEmpty(s: string | null | undefined): s is string {
  return s !== null && s !== undefined && s.trim() !== ''
}

/** Maps one account in the given projection. */
export function toPortaAccount(a: DirectoryAccount, projection: Projection): PortaAccountValue {
  const accountId = accountIdOf(a)
  const fullnameText = [a.firstName, a.lastName].filter(nonEmpty).join(' ').trim()
  const name = accountId
  const fullname = fullnameText || name || null
  const type = a.type === 'did' ? 'DID' : 'SIP'
  const blocked = !a.active
  if (projection === 'summary') {
    return {
      AccountId: accountId, IAccount: a.id, ICustomer: a.customerId, i_c_ext: 0, ExtensionNumber: null,
      fullname, Type: type, IProduct: 0, ProductName: null, Blocked: blocked, BillingModel: 'Debit',
    }
  }
  const address1 = nonEmpty(a.address) ? a.address : null
  const created = a.createdAt
  const full = projection === 'full'
  return {
    AccountId: accountId,
    IAccount: a.id,
    i_c_ext: 0,
    ICustomer: a.customerId,
    redirect_number: null,
    DestinationName: null,
    BillingModel: 'Debit',
    ISO4217: null,
    Balance: 0,
    Blockedfield: yn(blocked),
    Blocked: blocked,
    UMEnabled: 'N',
    IMasterAccount: 0,
    UILogin: accountId,
    UIPassword: null,
    VoipPassword: full ? a.secret : null,
    SIPPassword: full ? a.secret : null,
    CreditLimit: 0,
    IProduct: 0,
    BatchNamePrefix: null,
    IBatch: 0,
    IRoutingPlan: 0,
    IEnv: a.tenantId ?? 0,
    Email: a.email,
    customUrl: null,
    currentProfileImage: null,
    Phone1: a.phone,
    Address: address1,
    CompanyName: null,
    BillStatus: 'O',
    FollowMeEnabled: 'N',
    ServiceFlags: null,
    IVDPlan: 0,
    Note: null,
    subscribername: fullname,
    SubscriberFName: a.firstName,
    SubscriberLName: a.lastName,
    Company: null,
    Name: name,
    FirstName: a.firstName,
    MiddleInitials: null,
    LastName: a.lastName,
    Address1: address1,
    Address2: null,
    Address3: null,
    Address4: null,
    Town: null,
    Region: null,
    City: null,
    Postcode: null,
    Country: null,
    Phone2: null,
    PhoneNo: a.phone,
    Salutation: null,
    Fax: null,
    availableBalance: 0,
    hideCLI: false,
    DefaultValidIdentity: accountId,
    ServiceFeatures: full ? [] : null,
    ProductName: null,
    i_ua: 0,
    i_ua_type: 0,
    Type: type,
    ExtensionNumber: null,
    fullname,
    ActiveAddons: full ? [] : null,
    ICustomerSite: 0,
    MainProductName: null,
    custom: false,
    templateID: 0,
    template: null,
    GlobalTemplate: null,
    isGlobalTemplate: false,
    HGInfo: full ? [] : null,
    i_c_group: 0,
    VoiceDialing: false,
    TranslateIncomingCLI: false,
    activation_date: created,
    last_usage: minDate(),
    first_usage_time: minDate(),
    issue_date: created,
    inactivity_expire_time: 0,
  }
}
