import { operatorTenant, type Actor } from '../actor.ts'
import { findVisibleGroup, importGroupCsv, type CsvImportReport } from '../contacts/index.ts'
import type { Core } from '../core.ts'
import { actorForUser } from '../users/index.ts'

/**
 * Imports a CSV into a user's group for an operator (`switchboard contacts import`): the contacts
 * belong to the group's owner, exactly as if the owner had uploaded the file through ICTCore (same
 * rules, same report). The platform admin reaches every group; a reseller's administrator the groups
 * of its own tenant (another tenant's group looks unknown).
 */
export async function importContactsForOperator(core: Core, actor: Actor, groupId: number, source: AsyncIterable<Buffer>): Promise<CsvImportReport> {
  operatorTenant(actor)
  const group = await findVisibleGroup(core.db, actor, groupId)
  // A group always has an owner when a user made it; one made by the system is imported as the operator.
  const owner = group.userId === null ? actor : await actorForUser(core, group.userId)
  return importGroupCsv(core, owner, groupId, source)
}
