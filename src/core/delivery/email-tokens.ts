import { sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { queryRows } from '../../db/rows.ts'

/** Contact and account fields an email template may name (spec/gateways.md §4). */
const CONTACT_FIELDS = ['first_name', 'last_name', 'phone', 'email', 'address', 'custom1', 'custom2', 'custom3', 'description'] as const
const ACCOUNT_FIELDS = ['username', 'first_name', 'last_name', 'phone', 'email', 'address'] as const

/**
 * The token values of email attempts, by transmission: `contact:<field>` of its contact and
 * `account:<field>` of its account (null fields are left out, so their tokens stay as written).
 * One query for a claim batch's email attempts.
 */
export async function emailTokens(core: Core, transmissionIds: readonly number[]): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>()
  if (transmissionIds.length === 0) return out
  const rows = await queryRows<Record<string, string | number | null>>(core.db, sql`select t.id as transmission_id,
      c.first_name as c_first_name, c.last_name as c_last_name, c.phone as c_phone, c.email as c_email, c.address as c_address,
      c.custom1 as c_custom1, c.custom2 as c_custom2, c.custom3 as c_custom3, c.description as c_description,
      a.username as a_username, a.first_name as a_first_name, a.last_name as a_last_name, a.phone as a_phone, a.email as a_email, a.address as a_address
    from transmissions t left join contacts c on c.id = t.contact_id left join accounts a on a.id = t.account_id
    where t.id = any(${sql.param([...transmissionIds])}::int[])`)
  for (const r of rows) {
    const tokens: Record<string, string> = {}
    for (const f of CONTACT_FIELDS) if (r[`c_${f}`] !== null && r[`c_${f}`] !== undefined) tokens[`contact:${f}`] = String(r[`c_${f}`])
    for (const f of ACCOUNT_FIELDS) if (r[`a_${f}`] !== null && r[`a_${f}`] !== undefined) tokens[`account:${f}`] = String(r[`a_${f}`])
    out.set(Number(r.transmission_id), tokens)
  }
  return out
}
