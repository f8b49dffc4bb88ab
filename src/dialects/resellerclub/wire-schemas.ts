import { Type, type TSchema } from 'typebox'
import { textReply } from '../../http/docs.ts'
import { toXml, type RcValue } from './xml.ts'

// The ResellerClub replies in /docs (spec/resellerclub.md §4.3, §5, §7-§9). Documentation only: the
// plugin sends every reply as text it wrote itself (toJson, toXml), so Fastify compiles no
// serializer from these; tests check real replies against them (Value.Errors).

const S = (description?: string) => Type.String(description ? { description } : {})
const Opt = (description: string) => Type.Optional(Type.String({ description }))
const False = Type.Literal('false')

/** The customer map keys both §5.1 and §5.2 carry (all strings, `(opt)` keys only when set). */
const CUSTOMER_KEYS = {
  customerid: S('Customer id'), username: S('Login email, lower case'), useremail: S('Login email, lower case'),
  resellerid: S('Owning reseller id'), parentid: S('The reseller\'s parent reseller id, else resellerid'),
  name: S(), company: S(), telnocc: S('phone-cc'), telno: S('phone'),
  alttelnocc: Opt('alt-phone-cc'), alttelno: Opt('alt-phone'), mobilenocc: Opt('mobile-cc'), mobileno: Opt('mobile'), faxnocc: Opt('fax-cc'), faxno: Opt('fax'),
  address1: S(), address2: Opt('address-line-2'), address3: Opt('address-line-3'),
  city: S(), state: S(), zip: S('zipcode'), other_state: S('other-state if set, else state'),
  country: S('ISO 3166-1 alpha-2, upper case'), vatid: Opt('vat-id'), pin: S('4 digits'), creationdt: S('Unix seconds'),
  customerstatus: Type.Enum(['Active', 'Suspended']), langpref: S('ISO 639-1, lower case'), totalreceipts: S('Java-double style: 0.0, 125.5'),
  ispasswdexpired: False, stateid: Type.Literal('0'), salescontactid: Type.Literal('0'),
  salespersonshash: Type.Object({}, { additionalProperties: false }), isDominicanTaxConfiguredByParent: Type.Literal(false),
}

const CUSTOMER_EXAMPLE = {
  customerid: '30930235', username: 'jane@example.com', useremail: 'jane@example.com', resellerid: '1', parentid: '1',
  name: 'Jane Doe', company: 'Doe Ltd', telnocc: '61', telno: '291234567', address1: '1 Main Street', city: 'Sydney', state: 'NSW',
  zip: '2000', other_state: 'NSW', country: 'AU', pin: '4821', creationdt: '1796631000', customerstatus: 'Active', langpref: 'en',
  totalreceipts: '0.0', ispasswdexpired: 'false',
}

/** `customers/details`, `customers/details-by-id` (§5.1). */
export const CustomerMap = Type.Object({
  ...CUSTOMER_KEYS,
  twofactorauth_enabled: False, twofactorsmsauth_enabled: False, twofactorgoogleauth_enabled: False,
}, {
  additionalProperties: false, description: 'Customer map (§5.1)',
  examples: [{ ...CUSTOMER_EXAMPLE, twofactorauth_enabled: 'false', twofactorsmsauth_enabled: 'false', twofactorgoogleauth_enabled: 'false', stateid: '0', salescontactid: '0', salespersonshash: {}, isDominicanTaxConfiguredByParent: false }],
})

/** `customers/authenticate-token` (§5.2): the customer map without the twofactor keys, with the reseller's terms. */
export const AuthMap = Type.Object({
  ...CUSTOMER_KEYS,
  salesrepresentative: S('The reseller\'s sales representative (may be empty)'),
  sellingcurrencysymbol: S('The reseller\'s currency'), accountingcurrencysymbol: S('The reseller\'s currency'),
  fundthreshold: Type.Literal('0.0'), minimumaddfundamount: Type.Literal('0.0'), minimumbillingamount: Type.Literal('0.0'),
  minreceiptrequire: Type.Literal('0.00'), conversionrate: Type.Literal('1.0'), usesystemconversionrate: Type.Literal('true'),
  iswebpro: False, isoldreseller: False, supportsautorenew: False, sendriskreportmail: Type.Literal('true'), switch_panel_enabled: False,
}, {
  additionalProperties: false, description: 'Auth map (§5.2)',
  examples: [{
    ...CUSTOMER_EXAMPLE, stateid: '0', salescontactid: '0', salesrepresentative: '', sellingcurrencysymbol: 'USD', accountingcurrencysymbol: 'USD',
    fundthreshold: '0.0', minimumaddfundamount: '0.0', minimumbillingamount: '0.0', minreceiptrequire: '0.00', conversionrate: '1.0',
    usesystemconversionrate: 'true', iswebpro: 'false', isoldreseller: 'false', supportsautorenew: 'false', sendriskreportmail: 'true',
    switch_panel_enabled: 'false', salespersonshash: {}, isDominicanTaxConfiguredByParent: false,
  }],
})

/** Records keyed `"1"`..`"n"` (§4.3, §5.3). */
const Numbered = (record: TSchema, description: string, example: Record<string, unknown>) =>
  Type.Record(Type.String({ pattern: '^[1-9][0-9]*$' }), record, { description, examples: [example] })

const SearchRecord = Type.Object(Object.fromEntries([
  'customerid', 'username', 'resellerid', 'name', 'company', 'city', 'country', 'telnocc', 'telno', 'customerstatus', 'totalreceipts', 'websitecount',
].map((k) => [`customer.${k}`, S()])), { additionalProperties: false })

/** `customers/search` (§5.3): the page's records keyed "1".."n" beside the two counts. */
export const SearchMap = Type.Object({
  recsonpage: S('Records on this page'), recsindb: S('Total matches'),
}, {
  additionalProperties: SearchRecord, description: 'Search map (§5.3): records keyed "1".."n" within the page',
  examples: [{
    recsonpage: '1', recsindb: '1',
    1: {
      'customer.customerid': '30930235', 'customer.username': 'jane@example.com', 'customer.resellerid': '1', 'customer.name': 'Jane Doe',
      'customer.company': 'Doe Ltd', 'customer.city': 'Sydney', 'customer.country': 'AU', 'customer.telnocc': '61', 'customer.telno': '291234567',
      'customer.customerstatus': 'Active', 'customer.totalreceipts': '0.000', 'customer.websitecount': '0',
    },
  }],
})

const PROMO_KEYS = ['resellerid', 'productkey', 'starttime', 'endtime', 'period', 'resellerpriceone', 'resellerpricetwo', 'customerprice',
  'barrierprice', 'resellerprice', 'resellerpricecurrencysymbol', 'actiontype', 'serviceprovidersellingcurrency', 'isactive', 'istrickleallow']

/** `resellers/promo-details` (§4.3). */
export const PromoMap = Numbered(Type.Object(Object.fromEntries(PROMO_KEYS.map((k) => [k, S()])), { additionalProperties: false }),
  'Promo map (§4.3): every promo of the reseller, "1".."n" in creation order; none: {}', {
    1: {
      resellerid: '1', productkey: 'domcno', starttime: '1796631000', endtime: '1799223000', period: '1', resellerpriceone: '8.99', resellerpricetwo: '10.0',
      customerprice: '12.0', barrierprice: '8.0', resellerprice: '9.5', resellerpricecurrencysymbol: 'USD', actiontype: 'addnewdomain',
      serviceprovidersellingcurrency: 'USD', isactive: 'true', istrickleallow: 'false',
    },
  })

/** `pg/allowedlist-for-customer` (§4.3). */
export const GatewayMap = Numbered(Type.Object(Object.fromEntries(['gatewaytype', 'gatewayname', 'paymenttypeid', 'posturl', 'displayposition', 'customeraccesslevel']
  .map((k) => [k, S()])), { additionalProperties: false }), 'Gateway map (§4.3): "1".."n" by displayposition; none: {}', {
  1: { gatewaytype: 'PayPal', gatewayname: 'PayPal', paymenttypeid: '3', posturl: 'https://pay.example.com/', displayposition: '1', customeraccesslevel: 'all' },
})

/** `mail/activate` (§4.3). */
export const ActionMap = Type.Object({
  entityid: S('Order id'), customerid: S(), productkey: S(),
  actiontype: Type.Literal('ActivateFreeEmail'), actiontypedesc: Type.Literal('Activation of Free Email Service'),
  actionstatus: Type.Literal('Success'), actionstatusdesc: Type.Literal('Free Email Service activated'), status: Type.Literal('Success'),
}, {
  additionalProperties: false, description: 'Action map (§4.3)',
  examples: [{ entityid: '53', customerid: '30930235', productkey: 'domcno', actiontype: 'ActivateFreeEmail', actiontypedesc: 'Activation of Free Email Service', actionstatus: 'Success', actionstatusdesc: 'Free Email Service activated', status: 'Success' }],
})

/** Bare replies (§8). */
export const CustomerIdReply = Type.Integer({ description: 'The new customer id', examples: [30930235] })
export const TrueReply = Type.Literal(true, { description: 'Done', examples: [true] })
export const TokenReply = Type.String({ description: 'Login token (UUID v4, valid 120 s, single-use)', examples: ['89c4109f-ab08-4065-bf7f-8c41c2b1f34a'] })

/** Every error (§7): HTTP 500, 404 for an unknown call. */
export const ErrorEnvelope = Type.Object({ status: Type.Literal('ERROR'), message: S() }, {
  additionalProperties: false, description: 'Error envelope (§7)', examples: [{ status: 'ERROR', message: '{name=name is required, country=country is invalid}' }],
})

const exampleOf = (schema: TSchema) => ((schema as { examples?: unknown[] }).examples ?? [])[0] as RcValue

/** A call's 200 and error replies in its URL's format (§8 JSON, §9 XML: the same maps as XStream hashtables). */
export function rcReplies(reply: TSchema, format: 'json' | 'xml'): Record<number, unknown> {
  const xml = (schema: TSchema, description: string) => textReply('application/xml', `${description}, as an XStream hashtable (§9)`, toXml(exampleOf(schema)))
  if (format === 'xml') {
    const error = xml(ErrorEnvelope, 'Error envelope (§7)')
    return { 200: xml(reply, (reply as { description?: string }).description ?? 'Reply'), 404: error, 500: error }
  }
  return { 200: reply, 404: ErrorEnvelope, 500: ErrorEnvelope }
}
