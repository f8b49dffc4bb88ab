import { and, asc, eq, inArray, type SQL } from 'drizzle-orm'
import { transmissions } from '../core/transmissions/transmissions.table.ts'
import type { Core } from '../core/core.ts'
import { sandboxSends } from '../gateways/sandbox/sandbox.table.ts'

export type SandboxSend = typeof sandboxSends.$inferSelect

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
