import { searchCustomers, type CustomerFilter } from '../../../core/customers/index.ts'
import { rcCall } from '../call.ts'
import { searchRecord } from '../codec.ts'
import type { RcParams } from '../params.ts'
import { idOf, nonNegativeDecimal, noOfRecords, positiveInteger } from '../validation.ts'
import type { RcMap } from '../xml.ts'
import { SearchMap } from '../wire-schemas.ts'

/** `customers/search` (spec §4.1): the reseller's customers matching the filters, one page at a time. */
export const customersSearch = rcCall({
  name: 'customers/search', method: 'GET',
  summary: 'Searches the reseller\'s customers, one page at a time',
  reply: SearchMap,
  params: [
    { name: 'no-of-records', required: true, check: noOfRecords, description: '10-500' },
    { name: 'page-no', required: true, check: positiveInteger },
    { name: 'customer-id', repeatable: true, check: positiveInteger },
    { name: 'reseller-id', repeatable: true, check: positiveInteger },
    { name: 'username' }, { name: 'name' }, { name: 'company' }, { name: 'city' }, { name: 'state' },
    { name: 'status', check: (v) => /^(active|suspended)$/i.test(v), description: 'Active or Suspended' },
    { name: 'creation-date-start', check: unixSeconds, description: 'unix seconds (a fractional part is accepted)' },
    { name: 'creation-date-end', check: unixSeconds, description: 'unix seconds (a fractional part is accepted)' },
    { name: 'total-receipt-start', check: nonNegativeDecimal },
    { name: 'total-receipt-end', check: nonNegativeDecimal },
  ],
  async handle({ core, actor, params: p }) {
    const pageSize = Number(p.get('no-of-records'))
    const pageNo = idOf(p.get('page-no')!)
    const filter = searchFilter(p)
    if (pageNo === null) return { recsonpage: '0', recsindb: String((await searchCustomers(core, actor, filter, { pageNo: 1, pageSize })).total) }
    const { total, rows } = await searchCustomers(core, actor, filter, { pageNo, pageSize })
    const out: RcMap = { recsonpage: String(rows.length), recsindb: String(total) }
    rows.forEach((r, i) => { out[String(i + 1)] = searchRecord(r.customer, r.login) })
    return out
  },
})

/** 9999-12-31T23:59:59Z: later bounds are clamped to it (both engines take it as a timestamp). */
const MAX_UNIX_SECONDS = 253_402_300_799

/** Unix seconds, with a fractional part as resellerclub-python sends them (`"1796631000.0"`, spec §6). */
function unixSeconds(v: string): boolean {
  return /^[0-9]{1,30}(\.[0-9]{1,30})?$/.test(v)
}

/** The bound at whole-second precision (spec §6): the fractional part is dropped. */
function unixDate(v: string | undefined): Date | undefined {
  if (v === undefined) return undefined
  return new Date(Math.min(Math.floor(Number(v)), MAX_UNIX_SECONDS) * 1000)
}

function ids(values: string[]): number[] | undefined {
  if (!values.length) return undefined
  return values.map(idOf).filter((n): n is number => n !== null)
}

/** The core filter of `customers/search` (spec §4.1). */
function searchFilter(p: RcParams): CustomerFilter {
  const status = p.get('status')?.toLowerCase() as 'active' | 'suspended' | undefined
  return {
    ids: ids(p.all('customer-id')), tenantIds: ids(p.all('reseller-id')),
    login: p.get('username'), name: p.get('name'), company: p.get('company'), city: p.get('city'), state: p.get('state'),
    status, createdFrom: unixDate(p.get('creation-date-start')), createdTo: unixDate(p.get('creation-date-end')),
    totalReceiptsFrom: p.get('total-receipt-start'), totalReceiptsTo: p.get('total-receipt-end'),
  }
}
