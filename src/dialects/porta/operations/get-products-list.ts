import { queryServiceAccounts, type CatalogProduct, type ServiceAccount } from '../../../core/products/index.ts'
import { fullnameOf, identityOf, loadDetails } from '../account-codec.ts'
import { echo, portaOperation, type OperationContext } from '../product-operation.ts'
import { argumentFault, minDate, parseBool, parseDateTime, type ProductResponseValue } from '../servicestack/index.ts'
import type { PortaProductInfoValue } from '../servicestack/dto.ts'

// REPORT (spec/porta.md §4.4): one row per account in scope (closed ones included) for its main
// product and one per add-on assignment, in the window [fromDate, toDate]; by activation date
// (`filterByActivationDate`) or by overlap of the row's effective period with the window.

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

function windowOf(ctx: OperationContext): { from: Date; to: Date; byActivation: boolean } {
  const { fromDate, toDate, filterByActivationDate } = ctx.dto
  if (!fromDate) throw argumentFault('fromDate')
  if (!toDate) throw argumentFault('toDate')
  const from = parseDateTime(fromDate)
  if (!from) throw argumentFault('fromDate', 'fromDate is not a date')
  let to = parseDateTime(toDate)
  if (!to) throw argumentFault('toDate', 'toDate is not a date')
  // A date-only toDate means the end of that day (UTC).
  if (DATE_ONLY.test(toDate.trim())) to = new Date(to.getTime() + 86_400_000 - 1)
  if (from > to) throw argumentFault('fromDate', 'fromDate must not be after toDate')
  const byActivation = filterByActivationDate ? parseBool(filterByActivationDate) : false
  if (byActivation === undefined) throw argumentFault('filterByActivationDate', 'filterByActivationDate is not a boolean')
  return { from, to, byActivation }
}

function overlaps(start: Date, end: Date | null, from: Date, to: Date): boolean {
  return start <= to && (end === null || end >= from)
}

function sum(a: string | number, b: string | number): string {
  return (Number(a) + Number(b)).toFixed(5)
}

/** `GetProductsList` (spec/porta.md §3 row 11): the REPORT rows of the window (§4.4). */
export const getProductsList = portaOperation({
  wireId: 'GetProductsList',
  methods: ['GET'],
  routes: [[11, '/GetProductsList/:License/:fromDate/:ToDate/:filterByActivationDate']],
  summary: 'REPORT: main-product and add-on rows of every account in a window (Porta GetProductsList, §3 row 11)',
  serve: async (ctx): Promise<ProductResponseValue> => {
    const { from, to, byActivation } = windowOf(ctx)
    const accounts = await queryServiceAccounts(ctx.core, ctx.actor, { includeClosed: true, window: { from, to, byActivation } })
    const details = await loadDetails(ctx, accounts)
    const rows: PortaProductInfoValue[] = []
    const row = (a: ServiceAccount, p: CatalogProduct, start: Date, end: Date | null, type: 'Main' | 'Addon'): PortaProductInfoValue => {
      const subscriptionFee = p.subscription?.fee ?? 0
      return {
        reseller_ID: a.tenantId, reseller: a.partnerName, subreseller_ID: a.subReseller?.id ?? 0, subreseller: a.subReseller?.name ?? null,
        customer_ID: a.customerId, customer: a.customerName, activation_date: a.activatedAt, product_ID: p.id, product: p.name, id: a.login,
        IService: 0, Account_Subscription: a.subscription ? a.id : 0, i_subscription: p.subscription?.id ?? 0, Product_GroupName: p.groupName,
        Subscription_name: p.subscription?.name ?? null, effective_from: start, effective_to: end ?? minDate(), Subscription_Fees: subscriptionFee,
        Currency: p.currency, IAccount: a.id, Price: p.fee, TerminationDate: a.closedAt ?? minDate(), Fee: sum(p.fee, subscriptionFee),
        Charge_type: type, LineIdentity: identityOf(a, details.features.get(a.id) ?? []),
        BillStart: start > from ? start : from, BillEnd: end === null || end > to ? to : end, Licence_Name: null, SubscriberName: fullnameOf(a),
      }
    }
    // The query selected the window's accounts; which of their rows fall in it is decided here.
    for (const a of accounts) {
      const own: PortaProductInfoValue[] = []
      if (a.product && (byActivation || overlaps(a.activatedAt, a.closedAt, from, to))) own.push(row(a, a.product, a.activatedAt, a.closedAt, 'Main'))
      const addons = (details.assignments.get(a.id) ?? []).filter((g) => byActivation || overlaps(g.effectiveFrom, g.effectiveTo, from, to))
        .map((g) => row(a, g.addon, g.effectiveFrom, g.effectiveTo, 'Addon'))
        .sort((x, y) => (x.product_ID ?? 0) - (y.product_ID ?? 0))
      rows.push(...own, ...addons)
    }
    return { PortaProductInfo: rows, NumberOfAccounts: 0, ...echo(ctx.dto) }
  },
})
