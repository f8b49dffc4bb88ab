import { enumeration, list, object, type DtoValue } from './dto-types.ts'

// The DTOs of seeds/porta-plus-web-services.txt, field names and order verbatim from its JSV samples
// (spec/porta.md §2); nested type names are the project's (§2 "Nested type names").

/** §2: `enum BillingModel { ReChargeVoucher = 0, Debit = -1, Credit = 1, Alias = 2, Beneficiary = 4 }`. */
export const BillingModel = enumeration('BillingModel', { ReChargeVoucher: 0, Debit: -1, Credit: 1, Alias: 2, Beneficiary: 4 })

export const PortaProduct = object('PortaProduct', {
  IProduct: 'int',
  Name: 'string',
  MaintanenceFee: 'decimal',
  IProductGroup: 'int',
  Description: 'string',
  EndUserProductName: 'string',
  addon_priority: 'int',
})

export const AccountServiceFeature = object('AccountServiceFeature', {
  ServiceFeatureName: 'string',
  ServiceAttributeName: 'string',
  ServiceAttributeId: 'int',
  ServiceAttributeValue: 'string',
})

export const ProductAddon = object('ProductAddon', {
  IProduct: 'int',
  Name: 'string',
  MaintanenceFee: 'decimal',
  IProductGroup: 'int',
  Description: 'string',
  i_subscription: 'int',
  Subscription_Fees: 'decimal',
  Currency: 'string',
  IAccount: 'int',
  effective_from: 'datetime',
  effective_to: 'datetime',
  IAccountProductAddOn: 'int',
  Product_Group_Name: 'string',
  IAddonProduct: 'int',
  effective_from_ProductAddon: 'datetime',
  effective_to_ProductAddon: 'datetime',
  ProductAddon: 'string',
})

export const HuntGroupExtension = object('HuntGroupExtension', {
  i_cg_ext: 'int',
  i_cg_extSpecified: 'bool',
  i_c_ext: 'int',
  i_c_extSpecified: 'bool',
  type: 'string',
  id: 'string',
  name: 'string',
  hunt_order: 'int',
  hunt_delay: 'int',
  hunt_expire: 'int',
  hunt_active: 'string',
  huntstop: 'string',
  primary_group: 'string',
  IAccount: 'int',
})

export const HuntGroupInfo = object('HuntGroupInfo', {
  i_c_group: 'int',
  ActivationDate: 'datetime',
  i_customer: 'int',
  IAccount: 'int',
  i_customerSpecified: 'bool',
  name: 'string',
  fullname: 'string',
  hunt_sequence: 'string',
  hunt_keep_original_cli: 'string',
  i_c_ext: 'int',
  hunt_active: 'string',
  id: 'string',
  pickup_allowed: 'string',
  assigned_extensions: list(HuntGroupExtension),
})

export const PortaAccount = object('PortaAccount', {
  AccountId: 'string',
  IAccount: 'int',
  i_c_ext: 'int',
  ICustomer: 'int',
  redirect_number: 'string',
  DestinationName: 'string',
  BillingModel,
  ISO4217: 'string',
  Balance: 'decimal',
  Blockedfield: 'string',
  Blocked: 'bool',
  UMEnabled: 'string',
  IMasterAccount: 'int',
  UILogin: 'string',
  UIPassword: 'string',
  VoipPassword: 'string',
  SIPPassword: 'string',
  CreditLimit: 'decimal',
  IProduct: 'int',
  BatchNamePrefix: 'string',
  IBatch: 'int',
  IRoutingPlan: 'int',
  IEnv: 'int',
  Email: 'string',
  customUrl: 'string',
  currentProfileImage: 'string',
  Phone1: 'string',
  Address: 'string',
  CompanyName: 'string',
  BillStatus: 'string',
  FollowMeEnabled: 'string',
  ServiceFlags: 'string',
  IVDPlan: 'int',
  Note: 'string',
  subscribername: 'string',
  SubscriberFName: 'string',
  SubscriberLName: 'string',
  Company: 'string',
  Name: 'string',
  FirstName: 'string',
  MiddleInitials: 'string',
  LastName: 'string',
  Address1: 'string',
  Address2: 'string',
  Address3: 'string',
  Address4: 'string',
  Town: 'string',
  Region: 'string',
  City: 'string',
  Postcode: 'string',
  Country: 'string',
  Phone2: 'string',
  PhoneNo: 'string',
  Salutation: 'string',
  Fax: 'string',
  availableBalance: 'decimal',
  hideCLI: 'bool',
  DefaultValidIdentity: 'string',
  ServiceFeatures: list(AccountServiceFeature),
  ProductName: 'string',
  i_ua: 'int',
  i_ua_type: 'int',
  Type: 'string',
  ExtensionNumber: 'string',
  fullname: 'string',
  ActiveAddons: list(ProductAddon),
  ICustomerSite: 'int',
  MainProductName: 'string',
  custom: 'bool',
  templateID: 'int',
  template: 'string',
  GlobalTemplate: 'string',
  isGlobalTemplate: 'bool',
  HGInfo: list(HuntGroupInfo),
  i_c_group: 'int',
  VoiceDialing: 'bool',
  TranslateIncomingCLI: 'bool',
  activation_date: 'datetime',
  last_usage: 'datetime',
  first_usage_time: 'datetime',
  issue_date: 'datetime',
  inactivity_expire_time: 'int',
})

export const PortaProductInfo = object('PortaProductInfo', {
  reseller_ID: 'int',
  reseller: 'string',
  subreseller_ID: 'int',
  subreseller: 'string',
  customer_ID: 'int',
  customer: 'string',
  activation_date: 'datetime',
  product_ID: 'int',
  product: 'string',
  id: 'string',
  IService: 'int',
  Account_Subscription: 'int',
  i_subscription: 'int',
  Product_GroupName: 'string',
  Subscription_name: 'string',
  effective_from: 'datetime',
  effective_to: 'datetime',
  Subscription_Fees: 'decimal',
  Currency: 'string',
  IAccount: 'int',
  Price: 'decimal',
  TerminationDate: 'datetime',
  Fee: 'decimal',
  Charge_type: 'string',
  LineIdentity: 'string',
  BillStart: 'datetime',
  BillEnd: 'datetime',
  Licence_Name: 'string',
  SubscriberName: 'string',
})

export const ProductResponse = object('ProductResponse', {
  PortaProducts: list(PortaProduct),
  Accounts: list(PortaAccount),
  AccountInfo: PortaAccount,
  PortaProductInfo: list(PortaProductInfo),
  ProductAddonsInfo: list(ProductAddon),
  NumberOfAccounts: 'int',
  License: 'string',
  ContentId: 'int',
  FeatureName: 'string',
})

/** The request DTO `Product` (§2). `fromDate`, `toDate`, `filterByActivationDate` are strings. */
export const Product = object('Product', {
  Currency: 'string',
  ICustomer: 'int',
  IProduct: 'int',
  GetDIDS: 'bool',
  Aliases: 'bool',
  MultipleProducts: 'string',
  GetAccountServiceFeatures: 'bool',
  getservicefeaturesbyProdSS: 'bool',
  GetBlockedAccounts: 'bool',
  AccountID: 'string',
  IAccount: 'int',
  ShowAllResellerProducts: 'bool',
  ResellerID: 'int',
  searchString: 'string',
  name: 'string',
  IService: 'int',
  filterByActivationDate: 'string',
  fromDate: 'string',
  toDate: 'string',
  getProductAddonFlag: 'bool',
  getProductAddon: 'bool',
  isClonedEnabled: 'bool',
  GetAccByProdSearchTerm: 'bool',
  GetAccByIProduct: 'bool',
  getNonDIDAccbySearchTerm: 'bool',
  getProductsbySearch: 'bool',
  getaccountsforCLI: 'bool',
  forProductSearchTerm: 'bool',
  isActiveAddon: 'bool',
  getAllProductAddons: 'bool',
  isServiceEnabled: 'bool',
  forACL: 'bool',
  forBLF: 'bool',
  LstIAccounts: list('int'),
  PageNumber: 'int',
  PageOffset: 'int',
  SearchTerm: 'string',
  getZTPAccounts: 'bool',
  License: 'string',
  ContentId: 'int',
  FeatureName: 'string',
})

/** §3: `{TenantID}` is an extra int route variable, not a DTO field; bound like one from path/query/body. */
export const RouteExtras = object('RouteExtras', { TenantID: 'int' })

/** What binding reads: the Product fields plus the route extras. */
export const ProductBinding = object('Product', { ...Product.shape, ...RouteExtras.shape })

export const ResponseError = object('ResponseError', {
  ErrorCode: 'string',
  FieldName: 'string',
  Message: 'string',
})

export const ResponseStatus = object('ResponseStatus', {
  ErrorCode: 'string',
  Message: 'string',
  StackTrace: 'string',
  Errors: list(ResponseError),
})

/** §8: error bodies carry only `ResponseStatus`. */
export const ErrorResponse = object('ErrorResponse', { ResponseStatus })

export type PortaProductValue = DtoValue<typeof PortaProduct.shape>
export type PortaAccountValue = DtoValue<typeof PortaAccount.shape>
export type AccountServiceFeatureValue = DtoValue<typeof AccountServiceFeature.shape>
export type ProductAddonValue = DtoValue<typeof ProductAddon.shape>
export type HuntGroupInfoValue = DtoValue<typeof HuntGroupInfo.shape>
export type PortaProductInfoValue = DtoValue<typeof PortaProductInfo.shape>
export type ProductResponseValue = DtoValue<typeof ProductResponse.shape>
export type ProductRequest = DtoValue<typeof Product.shape>
export type ErrorResponseValue = DtoValue<typeof ErrorResponse.shape>
export type ResponseErrorValue = DtoValue<typeof ResponseError.shape>
