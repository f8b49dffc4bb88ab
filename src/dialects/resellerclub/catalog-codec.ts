import type { PaymentGateway, Promo } from '../../core/catalog/index.ts'
import type { ProductOrder } from '../../core/orders/index.ts'
import { javaDouble } from './codec.ts'
import type { RcMap } from './xml.ts'

// The promo, gateway and action maps of spec/resellerclub.md §4.3: flat maps of strings, numbered
// "1".."n" in the order core lists them.

const unixSeconds = (d: Date) => String(Math.floor(d.getTime() / 1000))

/** `{"1": {...}, "2": {...}}`; none → `{}`. */
export function numbered<T>(rows: readonly T[], record: (row: T) => RcMap): RcMap {
  return Object.fromEntries(rows.map((row, i) => [String(i + 1), record(row)]))
}

/** One promo of `resellers/promo-details`. */
export function promoRecord(p: Promo): RcMap {
  return {
    resellerid: String(p.tenantId), productkey: p.productKey,
    starttime: unixSeconds(p.startsAt), endtime: unixSeconds(p.endsAt), period: String(p.period),
    resellerpriceone: javaDouble(p.resellerPriceOne), resellerpricetwo: javaDouble(p.resellerPriceTwo),
    customerprice: javaDouble(p.customerPrice), barrierprice: javaDouble(p.barrierPrice), resellerprice: javaDouble(p.resellerPrice),
    resellerpricecurrencysymbol: p.currencySymbol, actiontype: p.actionType, serviceprovidersellingcurrency: p.sellingCurrency,
    isactive: String(p.active), istrickleallow: String(p.trickleAllowed),
  }
}

/** One gateway of `pg/allowedlist-for-customer`. */
export function gatewayRecord(g: PaymentGateway): RcMap {
  return {
    gatewaytype: g.gatewayType, gatewayname: g.gatewayName, paymenttypeid: String(g.id), posturl: g.postUrl,
    displayposition: String(g.displayPosition), customeraccesslevel: g.customerAccessLevel,
  }
}

/** The action map of `mail/activate`. */
export function freeEmailActionMap(o: ProductOrder): RcMap {
  return {
    entityid: String(o.id), customerid: String(o.customerId), productkey: o.productKey,
    actiontype: 'ActivateFreeEmail', actiontypedesc: 'Activation of Free Email Service',
    actionstatus: 'Success', actionstatusdesc: 'Free Email Service activated', status: 'Success',
  }
}
