import { and, eq, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { customers } from '../customers/customers.table.ts'
import { Invalid, NotFound } from '../errors.ts'
import { integerRule, required, textRule } from '../kernel/field-rules.ts'
import { pageWindow, type Page, type PageRequest } from '../kernel/pages.ts'
import { resellerFilter } from '../platform/platform.ts'
import { addHuntGroupMember, createHuntGroup } from './account-services.ts'
import { actorForRow } from './operator-scope.ts'
import { huntGroupMembers, huntGroups } from './products.table.ts'
import { loadHuntGroups, type HuntGroup } from './service-details.ts'

// The operator's view of a customer's hunt groups (native admin API, CLI; spec/porta.md §10
// HuntGroupInfo): the group's hunt settings and its members in hunt order with their ring settings.
// A reseller administrator acts on its own tenant, the platform admin on the named group's or
// customer's tenant.

export type HuntSequence = HuntGroup['sequence']
const SEQUENCES: readonly HuntSequence[] = ['Order', 'Simultaneous', 'Random', 'Least Used']

/** A hunt group with its reseller. */
export type ResellerHuntGroup = HuntGroup & { resellerId: number }

async function loadGroups(core: Core, where: SQL | undefined): Promise<ResellerHuntGroup[]> {
  return (await loadHuntGroups(core, where)).map(({ tenantId, ...g }) => ({ ...g, resellerId: tenantId }))
}

async function readGroup(core: Core, actor: Actor, id: number): Promise<{ reseller: Actor; group: ResellerHuntGroup }> {
  const reseller = await actorForRow(core, actor, huntGroups, id, 'Hunt group')
  const [group] = await loadGroups(core, and(eq(huntGroups.id, id), eq(huntGroups.tenantId, reseller.tenantId!)))
  if (!group) throw new NotFound('Hunt group', id)
  return { reseller, group }
}

/** Hunt groups of the caller's reseller (the platform admin: all, or one reseller's), optionally of one customer, by id. */
export async function pageHuntGroups(core: Core, actor: Actor, q: { resellerId?: number; customerId?: number } & PageRequest = {}): Promise<Page<ResellerHuntGroup>> {
  const { limit, offset } = pageWindow(q)
  const tenant = resellerFilter(actor, q.resellerId)
  if (q.customerId !== undefined) await actorForRow(core, actor, customers, q.customerId, 'Customer')
  const all = await loadGroups(core, and(
    tenant === undefined ? undefined : eq(huntGroups.tenantId, tenant),
    q.customerId === undefined ? undefined : eq(huntGroups.customerId, q.customerId),
  ))
  return { items: all.slice(offset, offset + limit), total: all.length }
}

/** One hunt group with its members. */
export async function showHuntGroup(core: Core, actor: Actor, id: number): Promise<ResellerHuntGroup> {
  return (await readGroup(core, actor, id)).group
}

/** The hunt settings of a new group. */
export interface NewHuntGroup {
  customerId: number; name: string; number: string; sequence?: HuntSequence; keepOriginalCli?: boolean; active?: boolean; pickupAllowed?: boolean
}

/** Creates a hunt group of a customer. */
export async function createCustomerHuntGroup(core: Core, actor: Actor, input: NewHuntGroup): Promise<ResellerHuntGroup> {
  const reseller = await actorForRow(core, actor, customers, input.customerId, 'Customer')
  const { id } = await createHuntGroup(core, reseller, input)
  return (await readGroup(core, reseller, id)).group
}

/** Changes a hunt group's name, number or hunt settings (absent = unchanged). */
export async function updateHuntGroup(core: Core, actor: Actor, id: number, patch: Partial<Omit<NewHuntGroup, 'customerId'>>): Promise<ResellerHuntGroup> {
  const { reseller } = await readGroup(core, actor, id)
  const set: Partial<typeof huntGroups.$inferInsert> = {}
  if (patch.name !== undefined) set.name = required('name', textRule('name', patch.name))
  if (patch.number !== undefined) {
    if (!/^[0-9]{1,15}$/.test(patch.number)) throw new Invalid('number', 'must be 1-15 digits')
    set.number = patch.number
  }
  if (patch.sequence !== undefined) {
    if (!SEQUENCES.includes(patch.sequence)) throw new Invalid('sequence', `must be one of ${SEQUENCES.join(', ')}`)
    set.sequence = patch.sequence
  }
  for (const k of ['keepOriginalCli', 'active', 'pickupAllowed'] as const) if (patch[k] !== undefined) set[k] = patch[k]
  if (Object.keys(set).length) await core.db.update(huntGroups).set(set).where(and(eq(huntGroups.id, id), eq(huntGroups.tenantId, reseller.tenantId!)))
  return (await readGroup(core, reseller, id)).group
}

/** A member's ring settings. */
export interface NewHuntGroupMember { accountId: number; delaySeconds?: number; timeoutSeconds?: number; active?: boolean; huntstop?: boolean; primaryGroup?: boolean }

/** Adds an account of the group's customer to a hunt group, last in hunt order. */
export async function addHuntGroupMemberOf(core: Core, actor: Actor, id: number, input: NewHuntGroupMember): Promise<ResellerHuntGroup> {
  const { reseller } = await readGroup(core, actor, id)
  integerRule('accountId', input.accountId, 1, 2_147_483_647)
  await addHuntGroupMember(core, reseller, id, input)
  return (await readGroup(core, reseller, id)).group
}

/** Removes a member from a hunt group; the members after it move up one place in hunt order. */
export async function removeHuntGroupMember(core: Core, actor: Actor, id: number, memberId: number): Promise<ResellerHuntGroup> {
  const { reseller, group } = await readGroup(core, actor, id)
  const member = group.members.find((m) => m.id === memberId)
  if (!member) throw new NotFound('Hunt group member', memberId)
  await core.db.transaction(async (tx) => {
    await tx.delete(huntGroupMembers).where(eq(huntGroupMembers.id, memberId))
    for (const m of group.members.filter((x) => x.huntOrder > member.huntOrder)) {
      await tx.update(huntGroupMembers).set({ huntOrder: m.huntOrder - 1 }).where(eq(huntGroupMembers.id, m.id))
    }
  })
  return (await readGroup(core, reseller, id)).group
}
