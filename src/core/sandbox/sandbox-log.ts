import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { transmissions } from '../transmissions/transmissions.table.ts'
import type { Core } from '../core.ts'
import { sandboxSends } from './sandbox-sends.table.ts'

export type SandboxSend = typeof sandboxSends.$inferSelect

/** One send the sandbox gateway received, as it is logged. */
export type NewSandboxSend = Omit<SandboxSend, 'id' | 'createdAt'>

/** Appends sends to the sandbox gateway's log in one statement (the gateway gathers concurrent ones). */
export async function recordSandboxSends(core: Core, sends: readonly NewSandboxSend[]): Promise<void> {
  if (sends.length === 0) return
  const col = <T>(pick: (s: NewSandboxSend) => T) => sql.param(sends.map(pick))
  await core.db.execute(sql`insert into sandbox_sends (tenant_id, provider_id, spool_id, transmission_id, service_flag, destination, content_ref)
    select * from unnest(${col((s) => s.tenantId)}::int[], ${col((s) => s.providerId)}::int[], ${col((s) => s.spoolId)}::int[], ${col((s) => s.transmissionId)}::int[],
      ${col((s) => s.serviceFlag)}::int[], ${col((s) => s.destination)}::text[], ${col((s) => s.contentRef)}::text[])`)
}

/** The sandbox gateway's log of sends, oldest first (platform-wide: the native API is for platform admins). */
export async function listSandboxSends(core: Core, filter: { transmissionId?: number; spoolId?: number; campaignId?: number; tenantId?: number; limit?: number; offset?: number }): Promise<SandboxSend[]> {
  const where: (SQL | undefined)[] = [
    filter.transmissionId === undefined ? undefined : eq(sandboxSends.transmissionId, filter.transmissionId),
    filter.spoolId === undefined ? undefined : eq(sandboxSends.spoolId, filter.spoolId),
    filter.tenantId === undefined ? undefined : eq(sandboxSends.tenantId, filter.tenantId),
    filter.campaignId === undefined ? undefined
      : inArray(sandboxSends.transmissionId, core.db.select({ id: transmissions.id }).from(transmissions).where(eq(transmissions.campaignId, filter.campaignId))),
  ]
  return core.db.select().from(sandboxSends).where(and(...where)).orderBy(asc(sandboxSends.id))
    .limit(filter.limit ?? 1000).offset(filter.offset ?? 0)
}
