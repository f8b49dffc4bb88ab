import {
  changeCustomerPassword, deleteCustomer, findCustomerByLogin, getCustomerWithLogin, meetsPasswordPolicy, modifyCustomer,
  searchCustomers, signUpCustomer, type CustomerFilter,
} from '../../../core/customers/index.ts'
import { NotFound } from '../../../core/errors.ts'
import type { RcCall } from '../call.ts'
import { customerMap, modifyPatch, searchRecord, signupProfile } from '../codec.ts'
import { RcError } from '../errors.ts'
import type { RcParams } from '../params.ts'
import {
  MODIFY_RULES, PASSWORD_POLICY, SIGNUP_RULES, canonicalInteger, idOf, nonNegativeDecimal, nonNegativeInteger, noOfRecords,
  positiveInteger,
} from '../validation.ts'
import type { RcMap } from '../xml.ts'

const CUSTOMER_ID = { name: 'customer-id', required: true, check: positiveInteger, description: 'Customer id' }

/** Core NotFound of the customer named by `customer-id` → `Invalid customer-id: <id>` (spec §7). */
async function forCustomerId<T>(p: RcParams, work: (id: number) => Promise<T>): Promise<T> {
  const raw = p.get('customer-id')!
  const id = idOf(raw)
  if (id === null) throw invalidCustomerId(raw)
  try {
    return await work(id)
  } catch (e) {
    if (e instanceof NotFound && e.entity === 'Customer') throw invalidCustomerId(raw)
    throw e
  }
}

// A module function: a named closure made per call also costs a name definition under tsx.
function invalidCustomerId(raw: string): RcError {
  return new RcError(`Invalid customer-id: ${canonicalInteger(raw)}`)
}

/** Customer calls of spec §4.1 (tokens are in token-calls.ts). */
export const customerCalls: RcCall[] = [
  {
    path: 'customers/signup', aliases: ['customers/v2/signup'], method: 'POST',
    summary: 'Signs up a customer; replies with its customer id',
    params: SIGNUP_RULES,
    async handle({ core, actor, params: p }) {
      const username = p.get('username')!.toLowerCase()
      const { customer } = await signUpCustomer(core, actor, {
        profile: { ...signupProfile(p), name: p.get('name')!, email: username },
        login: { email: username, password: p.get('passwd')! },
      })
      return customer.id
    },
  },
  {
    path: 'customers/modify', method: 'POST',
    summary: 'Replaces a customer\'s details',
    params: MODIFY_RULES,
    async handle({ core, actor, params: p }) {
      await forCustomerId(p, (id) => modifyCustomer(core, actor, id, { profile: modifyPatch(p), loginEmail: p.get('username')!.toLowerCase() }))
      return true
    },
  },
  {
    path: 'customers/details', method: 'GET',
    summary: 'A customer\'s details by username',
    params: [{ name: 'username', required: true, description: 'Login email of the customer' }],
    async handle({ core, actor, reseller, params: p }) {
      const username = p.get('username')!
      try {
        const { customer, user } = await findCustomerByLogin(core, actor, username)
        return customerMap(customer, user.username, reseller)
      } catch (e) {
        if (e instanceof NotFound) throw new RcError(`Customer ${username} not found`)
        throw e
      }
    },
  },
  {
    path: 'customers/details-by-id', method: 'GET',
    summary: 'A customer\'s details by customer id',
    params: [CUSTOMER_ID],
    async handle({ core, actor, reseller, params: p }) {
      const { customer, login } = await forCustomerId(p, (id) => getCustomerWithLogin(core, actor, id))
      return customerMap(customer, login, reseller)
    },
  },
  {
    path: 'customers/search', method: 'GET',
    summary: 'Searches the reseller\'s customers, one page at a time',
    params: [
      { name: 'no-of-records', required: true, check: noOfRecords, description: '10-500' },
      { name: 'page-no', required: true, check: positiveInteger },
      { name: 'customer-id', repeatable: true, check: positiveInteger },
      { name: 'reseller-id', repeatable: true, check: positiveInteger },
      { name: 'username' }, { name: 'name' }, { name: 'company' }, { name: 'city' }, { name: 'state' },
      { name: 'status', check: (v) => /^(active|suspended)$/i.test(v), description: 'Active or Suspended' },
      { name: 'creation-date-start', check: nonNegativeInteger, description: 'unix seconds' },
      { name: 'creation-date-end', check: nonNegativeInteger, description: 'unix seconds' },
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
  },
  {
    path: 'customers/delete', method: 'POST',
    summary: 'Deletes a customer',
    params: [CUSTOMER_ID],
    async handle({ core, actor, params: p }) {
      await forCustomerId(p, (id) => deleteCustomer(core, actor, id))
      return true
    },
  },
  {
    path: 'customers/change-password', aliases: ['customers/v2/change-password'], method: 'POST',
    summary: 'Sets a customer\'s password',
    params: [CUSTOMER_ID, { name: 'new-passwd', required: true, check: meetsPasswordPolicy, reason: PASSWORD_POLICY }],
    async handle({ core, actor, params: p }) {
      await forCustomerId(p, (id) => changeCustomerPassword(core, actor, id, p.get('new-passwd')!))
      return true
    },
  },
]

/** 9999-12-31T23:59:59Z: later bounds are clamped to it (both engines take it as a timestamp). */
const MAX_UNIX_SECONDS = 253_402_300_799

function unixDate(v: string | undefined): Date | undefined {
  if (v === undefined) return undefined
  return new Date(Math.min(Number(v), MAX_UNIX_SECONDS) * 1000)
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
