import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { isPlainText } from '../customers/customer-rules.ts'
import { Conflict, Forbidden, Invalid, NotFound, Unauthenticated } from '../errors.ts'
import { apiKeyDigest, hashSecret, newApiKey, verifySecret } from '../secrets/index.ts'
import { limitLogin, type LoginAttempt } from '../login-limits/login-limits.ts'
import { apiKeys, resellers } from './resellers.table.ts'

export type Reseller = typeof resellers.$inferSelect
/** The dialects a reseller may be enabled for. */
export type DialectName = 'ictcore' | 'packetera' | 'resellerclub' | 'porta' | 'delacon'

export interface NewReseller {
  name: string
  username?: string
  parentId?: number | null
  dialects?: DialectName[] | null
}

const USERNAME = /^[A-Za-z0-9._@-]{1,20}$/

/** Creates a reseller with its first API key; the key is returned once and stored only hashed. */
export async function createReseller(core: Core, input: NewReseller): Promise<{ reseller: Reseller; apiKey: string }> {
  const name = input.name?.trim()
  if (!name) throw new Invalid('name', 'is required', 'required')
  if (!isPlainText(name, 200)) throw new Invalid('name', 'must be at most 200 characters without control characters')
  const username = (input.username ?? slugOf(name)).trim()
  if (!USERNAME.test(username)) throw new Invalid('username', 'must be 1-20 letters, digits or . _ @ -')
  if (input.parentId != null) await getReseller(core, input.parentId)
  const taken = await core.db.select({ id: resellers.id }).from(resellers).where(sql`lower(${resellers.username}) = lower(${username})`)
  if (taken.length) throw new Conflict('username')
  const apiKey = newApiKey()
  const hash = await hashSecret(apiKey)
  const reseller = await core.db.transaction(async (tx) => {
    const [r] = await tx.insert(resellers).values({ name, username, parentId: input.parentId ?? null, dialects: input.dialects ?? null }).returning()
    await tx.insert(apiKeys).values({ resellerId: r!.id, digest: apiKeyDigest(apiKey), hash, label: 'initial' })
    return r!
  })
  return { reseller, apiKey }
}

function slugOf(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 14)
  return `${s || 'reseller'}${Math.floor(Math.random() * 1e5)}`.slice(0, 20)
}

export async function getReseller(core: Core, id: number): Promise<Reseller> {
  const [r] = await core.db.select().from(resellers).where(eq(resellers.id, id))
  if (!r) throw new NotFound('Reseller', id)
  return r
}

/** Issues another API key for a reseller (shown once). */
export async function issueApiKey(core: Core, resellerId: number, label?: string): Promise<{ id: number; apiKey: string }> {
  await getReseller(core, resellerId)
  const apiKey = newApiKey()
  const [row] = await core.db.insert(apiKeys)
    .values({ resellerId, digest: apiKeyDigest(apiKey), hash: await hashSecret(apiKey), label: label ?? null }).returning({ id: apiKeys.id })
  return { id: row!.id, apiKey }
}

/** Revokes one key; cached verifications of the reseller are dropped at once. */
export async function revokeApiKey(core: Core, resellerId: number, keyId: number): Promise<void> {
  const rows = await core.db.update(apiKeys).set({ revokedAt: core.now() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.resellerId, resellerId), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id })
  if (!rows.length) throw new NotFound('API key', keyId)
  core.credentials.drop(`reseller:${resellerId}`)
}

/** The reseller's keys, without secrets. */
export async function listApiKeys(core: Core, resellerId: number) {
  return core.db.select({ id: apiKeys.id, label: apiKeys.label, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys).where(eq(apiKeys.resellerId, resellerId)).orderBy(apiKeys.id)
}

/** Enables or disables a reseller (a disabled reseller fails authentication everywhere). */
export async function setResellerEnabled(core: Core, resellerId: number, enabled: boolean): Promise<void> {
  await core.db.update(resellers).set({ enabled }).where(eq(resellers.id, resellerId))
  core.credentials.drop(`reseller:${resellerId}`)
}

/** Merges keys into a reseller's settings (null removes a key). */
export async function updateResellerSettings(core: Core, resellerId: number, patch: Record<string, unknown>): Promise<Reseller> {
  const r = await getReseller(core, resellerId)
  const settings = { ...r.settings }
  for (const [k, v] of Object.entries(patch)) if (v === null) delete settings[k]; else settings[k] = v
  const [u] = await core.db.update(resellers).set({ settings }).where(eq(resellers.id, resellerId)).returning()
  core.credentials.drop(`reseller:${resellerId}`)
  return u!
}

const LAST_USED_GRANULARITY_MS = 60_000

/**
 * Authenticates an API key presented alone (Porta License, Delacon Auth) or with the reseller's
 * id/username (ResellerClub, Packetera). Served from the verified-credential cache after the first
 * scrypt check (concurrent checks of one key run once). Unknown key, wrong reseller, revoked key, disabled reseller, dialect not enabled →
 * Unauthenticated; disabled reseller or dialect not enabled → Forbidden (Porta answers 403).
 */
export async function authenticateApiKey(
  core: Core,
  dialect: DialectName,
  apiKey: string,
  claimed?: { resellerId?: number; username?: string },
  attempt?: LoginAttempt,
): Promise<Reseller> {
  // The credential is the reseller the key is claimed for; a key presented alone names nobody
  // (a guess is a random 119-bit string), so only its client address counts.
  const credential = claimed?.resellerId !== undefined ? `reseller-id\0${claimed.resellerId}`
    : claimed?.username !== undefined ? `reseller\0${claimed.username.toLowerCase()}` : null
  return limitLogin(core, attempt, credential, () => checkApiKey(core, dialect, apiKey, claimed))
}

function checkApiKey(core: Core, dialect: DialectName, apiKey: string, claimed?: { resellerId?: number; username?: string }): Promise<Reseller> {
  const cacheKey = ['apikey', dialect, apiKey, String(claimed?.resellerId ?? ''), (claimed?.username ?? '').toLowerCase()]
  return core.credentials.lookup(cacheKey, async () => {
    if (!apiKey || apiKey.length > 200) throw new Unauthenticated()
    const [row] = await core.db.select({ key: apiKeys, reseller: resellers }).from(apiKeys)
      .innerJoin(resellers, eq(resellers.id, apiKeys.resellerId)).where(eq(apiKeys.digest, apiKeyDigest(apiKey)))
    if (!row || row.key.revokedAt) throw new Unauthenticated()
    if (claimed?.resellerId !== undefined && row.reseller.id !== claimed.resellerId) throw new Unauthenticated()
    if (claimed?.username !== undefined && row.reseller.username.toLowerCase() !== claimed.username.toLowerCase()) throw new Unauthenticated()
    if (!(await verifySecret(apiKey, row.key.hash))) throw new Unauthenticated()
    if (!resellerMayUse(row.reseller, dialect)) throw new Forbidden(dialect)
    const now = core.now()
    if (!row.key.lastUsedAt || now.getTime() - row.key.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
      await core.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.key.id))
    }
    core.credentials.set(cacheKey, `reseller:${row.reseller.id}`, row.reseller)
    return row.reseller
  })
}

/** Whether the reseller is enabled and the dialect is among those it may use. */
export function resellerMayUse(r: Reseller, dialect: DialectName): boolean {
  return r.enabled && (r.dialects === null || r.dialects.includes(dialect))
}
