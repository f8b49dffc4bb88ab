import { sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { queryRows } from '../../db/rows.ts'

/**
 * Campaign preparation (spec/ictcore.md §7.3 start): the dispatcher turns a started campaign's group
 * into transmissions in batches, on campaign rows locked with SKIP LOCKED, so any number of
 * processes can run it. Sending them, paced, is delivery's (core/delivery/pacing.ts).
 */

const EMAIL = 8
/**
 * A campaign's first batch is small: its first sends wait for it, and on PGlite 5,000 inserts take
 * long enough to cost a paced campaign seconds of its rate.
 */
const FIRST_BATCH = 500

/**
 * Prepares the next batch of one campaign that still has group contacts to turn into transmissions
 * (contact_id order, up to the bound fixed at start). Contacts without the address the program needs
 * get an `invalid` transmission. The unique (campaign, contact) index makes a repeat harmless.
 * Returns the number of transmissions created (0 when there was nothing to prepare).
 */
export async function prepareCampaignBatch(core: Core, batch: number): Promise<number> {
  return core.db.transaction(async (tx) => {
    const [c] = await queryRows<{ id: number; group_id: number; prepared_up_to: number; prepare_limit: number; program_id: number; service_flag: number | null }>(tx, sql`
      select c.id, c.group_id, coalesce(c.prepared_up_to, 0) as prepared_up_to, c.prepare_limit, c.program_id,
        (select p.service_flag from programs p where p.id = c.program_id) as service_flag
      from campaigns c where c.status in ('running', 'paused') and c.prepare_limit is not null and coalesce(c.prepared_up_to, 0) < c.prepare_limit
      order by c.id limit 1 for update of c skip locked`)
    if (!c) return 0
    const now = core.now().toISOString()
    const address = (c.service_flag ?? 0) & EMAIL ? sql`k.email` : sql`k.phone`
    const missing = (c.service_flag ?? 0) & EMAIL ? 'contact has no email' : 'contact has no phone'
    const size = c.prepared_up_to === 0 ? Math.min(batch, FIRST_BATCH) : batch
    const [made] = await queryRows<{ created: number; last: number | null; seen: number }>(tx, sql`
      with picked as (
        select gc.contact_id from group_contacts gc
        where gc.group_id = ${c.group_id} and gc.contact_id > ${c.prepared_up_to} and gc.contact_id <= ${c.prepare_limit}
        order by gc.contact_id limit ${size}),
      ins as (
        insert into transmissions (tenant_id, user_id, title, origin, contact_id, account_id, program_id, service_flag, direction, status, response, try_allowed, campaign_id, created_at, updated_at)
        select cp.tenant_id, cp.user_id, null, coalesce(p.type, 'campaign'), k.id, cp.account_id, cp.program_id, coalesce(p.service_flag, 0), 'outbound',
          case when ${address} is null then 'invalid' else 'pending' end, case when ${address} is null then ${missing} else null end,
          cp.try_allowed, cp.id, ${now}::timestamptz, ${now}::timestamptz
        from picked join contacts k on k.id = picked.contact_id
        join campaigns cp on cp.id = ${c.id} left join programs p on p.id = cp.program_id
        order by k.id
        on conflict do nothing returning 1)
      select (select count(*)::int from ins) as created, (select max(contact_id) from picked) as last, (select count(*)::int from picked) as seen`)
    const upTo = made!.seen < size || made!.last === null ? c.prepare_limit : made!.last
    await tx.execute(sql`update campaigns set prepared_up_to = ${upTo}, contact_total = contact_total + ${made!.created}, updated_at = ${now}::timestamptz where id = ${c.id}`)
    return Math.max(made!.created, made!.seen > 0 ? 1 : 0)
  })
}
