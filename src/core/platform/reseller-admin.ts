import { and, asc, count, eq, type SQL } from 'drizzle-orm'
import { operatorTenant, type Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Forbidden, Invalid } from '../errors.ts'
import { isPlainText } from '../customers/customer-rules.ts'
import { pageWindow, type Page, type PageRequest } from '../kernel/pages.ts'
import {
  getReseller, issueApiKey, listApiKeys, resellers, revokeApiKey, setResellerEnabled, type DialectName, type Reseller,
} from '../resellers/index.ts'
import { requireResellerAdmin, type ResellerSummary } from './platform.ts'

// What an operator does with resellers through the native API and the CLI: the platform admin with
// every reseller, a reseller's administrator with its own (and reads its sub-resellers).

export const DIALECT_NAMES: readonly DialectName[] = ['ictcore', 'packetera', 'resellerclub', 'porta', 'delacon']

const summaryOf = (r: Reseller): ResellerSummary => ({
  id: r.id, name: r.name, username: r.username, parentId: r.parentId, enabled: r.enabled, dialects: r.dialects, createdAt: r.createdAt,
})

/** A page of resellers, oldest first: every one for the platform admin (or one parent's children), a reseller administrator's own. */
export async function pageResellers(core: Core, actor: Actor, query: PageRequest & { parentId?: number } = {}): Promise<Page<ResellerSummary>> {
  const { limit, offset } = pageWindow(query)
  const conds: SQL[] = []
  const own = operatorTenant(actor)
  if (own !== null) conds.push(eq(resellers.id, own))
  if (query.parentId !== undefined) conds.push(eq(resellers.parentId, query.parentId))
  const where = conds.length ? and(...conds) : undefined
  const [rows, [total]] = await Promise.all([
    core.db.select().from(resellers).where(where).orderBy(asc(resellers.id)).limit(limit).offset(offset),
    core.db.select({ n: count() }).from(resellers).where(where),
  ])
  return { items: rows.map(summaryOf), total: total!.n }
}

/** One reseller, for the platform admin or its own administrator. */
export async function showReseller(core: Core, actor: Actor, id: number): Promise<ResellerSummary> {
  requireResellerAdmin(actor, id)
  return summaryOf(await getReseller(core, id))
}

/** The resellers under `id` (its sub-resellers), for the platform admin or `id`'s administrator. */
export async function pageSubResellers(core: Core, actor: Actor, id: number, query: PageRequest = {}): Promise<Page<ResellerSummary>> {
  requireResellerAdmin(actor, id)
  await getReseller(core, id)
  const { limit, offset } = pageWindow(query)
  const where = eq(resellers.parentId, id)
  const [rows, [total]] = await Promise.all([
    core.db.select().from(resellers).where(where).orderBy(asc(resellers.id)).limit(limit).offset(offset),
    core.db.select({ n: count() }).from(resellers).where(where),
  ])
  return { items: rows.map(summaryOf), total: total!.n }
}

export interface ResellerChange { name?: string; enabled?: boolean; dialects?: DialectName[] | null }

/**
 * Changes a reseller: its administrator may rename it; enabling, disabling and the dialects it may
 * use are the platform admin's (a disabled reseller fails authentication in every dialect at once).
 */
export async function updateReseller(core: Core, actor: Actor, id: number, change: ResellerChange): Promise<ResellerSummary> {
  requireResellerAdmin(actor, id)
  await getReseller(core, id)
  if ((change.enabled !== undefined || change.dialects !== undefined) && !actor.crossTenant) throw new Forbidden('platform_admin')
  const set: Partial<typeof resellers.$inferInsert> = {}
  if (change.name !== undefined) {
    const name = change.name.trim()
    if (!name) throw new Invalid('name', 'is required', 'required')
    if (!isPlainText(name, 200)) throw new Invalid('name', 'must be at most 200 characters without control characters')
    set.name = name
  }
  if (change.dialects !== undefined) {
    if (change.dialects !== null && change.dialects.some((d) => !DIALECT_NAMES.includes(d))) throw new Invalid('dialects', `must list some of ${DIALECT_NAMES.join(', ')}`)
    set.dialects = change.dialects === null ? null : [...new Set(change.dialects)]
  }
  if (Object.keys(set).length) await core.db.update(resellers).set(set).where(eq(resellers.id, id))
  if (change.enabled !== undefined) await setResellerEnabled(core, id, change.enabled)
  else if (set.dialects !== undefined) core.credentials.drop(`reseller:${id}`)
  return summaryOf(await getReseller(core, id))
}

/** A reseller's API keys, never their secrets. */
export async function resellerKeys(core: Core, actor: Actor, id: number) {
  requireResellerAdmin(actor, id)
  await getReseller(core, id)
  return listApiKeys(core, id)
}

/** Another API key for a reseller, its secret returned once. */
export async function issueResellerKey(core: Core, actor: Actor, id: number, label?: string): Promise<{ id: number; apiKey: string }> {
  requireResellerAdmin(actor, id)
  if (label !== undefined && !isPlainText(label, 100)) throw new Invalid('label', 'must be at most 100 characters without control characters')
  return issueApiKey(core, id, label)
}

/** Revokes one of a reseller's keys: it fails in every dialect from now on. */
export async function revokeResellerKey(core: Core, actor: Actor, id: number, keyId: number): Promise<void> {
  requireResellerAdmin(actor, id)
  await revokeApiKey(core, id, keyId)
}
