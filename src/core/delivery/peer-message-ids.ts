import { sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { queryRows } from '../../db/rows.ts'

/** A spool found by the message id its peer gave it (spec/gateways.md §1 `info`/`message_id`). */
export interface SpoolOfPeerMessage {
  messageId: string
  spoolId: number
  /** The program's steps without its children (what a `delivered` report succeeds). */
  steps: string[]
  /** Its message ids (segments of a long SMS) and its final delivery reports that said delivered. */
  segments: number
  delivered: number
}

/**
 * The spools of `providerId` that its peer accepted under `messageIds` (the latest spool when a peer
 * reused an id): how a delivery report reaches a spool sent by an earlier process. Reads the result
 * rows without an index on their data: for the few reports that match nothing in memory.
 */
export async function spoolsOfPeerMessages(core: Core, providerId: number, messageIds: readonly string[]): Promise<SpoolOfPeerMessage[]> {
  if (messageIds.length === 0) return []
  const rows = await queryRows<{ message_id: string; spool_id: number; steps: string[] | null; segments: number; delivered: number }>(core.db, sql`
    select distinct on (r.data) r.data as message_id, s.id as spool_id, p.steps,
      (select count(*) from spool_results x where x.spool_id = s.id and x.type = 'info' and x.name = 'message_id')::int as segments,
      (select count(*) from spool_results x where x.spool_id = s.id and x.type = 'info' and x.name = 'delivery' and x.data = 'delivered')::int as delivered
    from spool_results r join spools s on s.id = r.spool_id join transmissions t on t.id = s.transmission_id left join programs p on p.id = t.program_id
    where r.type = 'info' and r.name = 'message_id' and r.data = any(${sql.param([...messageIds])}::text[]) and s.provider_id = ${providerId}
    order by r.data, s.id desc`)
  return rows.map((r) => ({
    messageId: r.message_id, spoolId: r.spool_id, steps: (r.steps ?? []).filter((s) => !s.startsWith('child:')), segments: r.segments, delivered: r.delivered,
  }))
}
