import { NotFound } from '../../core/errors.ts'
import { RcError } from './errors.ts'
import type { RcParams } from './params.ts'
import { canonicalInteger, idOf, positiveInteger, type ParamRule } from './validation.ts'

// `customer-id`, as the calls that name a customer by it read and report it (spec §4.1, §7).

/** The `customer-id` parameter rule of the calls that name one customer. */
export const CUSTOMER_ID: ParamRule = { name: 'customer-id', required: true, check: positiveInteger, description: 'Customer id' }

/** Core NotFound of the customer named by `customer-id` → `Invalid customer-id: <id>` (spec §7). */
export async function forCustomerId<T>(p: RcParams, work: (id: number) => Promise<T>): Promise<T> {
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

/** `Invalid customer-id: <id>` with the id as RC prints it. */
// A module function: a named closure made per call also costs a name definition under tsx.
export function invalidCustomerId(raw: string): RcError {
  return new RcError(`Invalid customer-id: ${canonicalInteger(raw)}`)
}
