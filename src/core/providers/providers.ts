import { isIP } from 'node:net'
import { and, asc, eq, getTableColumns, inArray, isNull, ne, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import type { Db } from '../../db/client.ts'
import { Conflict, Invalid, NotFound } from '../errors.ts'
import { tenantOf, tenantScope } from '../kernel/tenancy.ts'
import { blankToNull, LONG_TEXT, notCleared, required, textRule } from '../kernel/field-rules.ts'
import { isUniqueViolation } from '../kernel/db-errors.ts'
import { requireAdmin } from '../kernel/guard.ts'
import { listWindow, type FilterSpec, type ListQuery } from '../kernel/list-filter.ts'
import { refuseNul } from '../programs/programs.ts'
import { providers, type ProviderType } from './providers.table.ts'

export const PROVIDER_TYPES: readonly ProviderType[] = ['sip', 'smpp', 'http', 'smtp', 'sendmail', 'sandbox']

/** Per type (spec/ictcore.md §5.12): gateway flag, default service flag and port, what is required. */
export const PROVIDER_TYPE_RULES: Readonly<Record<ProviderType, { gatewayFlag: number; serviceFlag: number; port: number | null; host: boolean; username: boolean }>> = {
  sip: { gatewayFlag: 8, serviceFlag: 3, port: 5060, host: true, username: true },
  smpp: { gatewayFlag: 2, serviceFlag: 4, port: 2775, host: true, username: true },
  http: { gatewayFlag: 2, serviceFlag: 4, port: 80, host: true, username: true },
  smtp: { gatewayFlag: 4, serviceFlag: 8, port: 25, host: true, username: false },
  sendmail: { gatewayFlag: 4, serviceFlag: 8, port: null, host: false, username: false },
  sandbox: { gatewayFlag: 0, serviceFlag: 15, port: null, host: false, username: false },
}

/** A provider as shown: never its password. */
export type ProviderView = Omit<typeof providers.$inferSelect, 'passwordEnc'>

/** Writable provider fields; `undefined` = not supplied, `null` = clear (or default). */
export interface ProviderFields {
  name?: string | null
  type?: string | null
  serviceFlag?: number | null
  nodeId?: number | null
  host?: string | null
  port?: number | null
  username?: string | null
  password?: string | null
  dialstring?: string | null
  settings?: string | null
  description?: string | null
  prefix?: string | null
  register?: boolean | null
  weight?: number | null
  active?: boolean | null
}

const { passwordEnc: _secret, ...viewColumns } = getTableColumns(providers)
void _secret

const providerFilters: FilterSpec = {
  created: providers.createdAt,
  exact: {
    id: { column: providers.id, kind: 'int' }, type: { column: providers.type, kind: 'enum' }, active: { column: providers.active, kind: 'bool' },
    nodeId: { column: providers.nodeId, kind: 'int' }, register: { column: providers.register, kind: 'bool' },
  },
  text: { name: providers.name, host: providers.host, username: providers.username },
}

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/
const MAX_INT = 2_147_483_647

function hostRule(v: string | null | undefined): string | null | undefined {
  if (v === undefined || v === null) return v
  if (!isIP(v) && !HOSTNAME.test(v)) throw new Invalid('host', 'is not a hostname or IP address')
  return v
}

function intRange(field: string, v: number | null | undefined, min: number, max: number): void {
  if (v === undefined || v === null) return
  if (!Number.isInteger(v) || v < min || v > max) throw new Invalid(field, `must be an integer ${min}-${max}`)
}

function checkFields(f: ProviderFields): ProviderFields {
  for (const k of ['name', 'username', 'password', 'dialstring', 'description'] as const) textRule(k, f[k], k === 'description' ? LONG_TEXT : undefined)
  textRule('settings', f.settings, LONG_TEXT)
  if (f.prefix !== undefined && f.prefix !== null && f.prefix !== '' && !/^[0-9*#+]{1,20}$/.test(f.prefix)) throw new Invalid('prefix', 'must be up to 20 dial digits')
  intRange('serviceFlag', f.serviceFlag, 1, 15)
  intRange('port', f.port, 1, 65_535)
  intRange('nodeId', f.nodeId, 1, MAX_INT)
  intRange('weight', f.weight, -MAX_INT, MAX_INT)
  return {
    ...f, host: hostRule(blankToNull(f.host)), username: blankToNull(f.username), dialstring: blankToNull(f.dialstring),
    settings: blankToNull(f.settings), description: blankToNull(f.description), prefix: blankToNull(f.prefix),
  }
}

/**
 * Type-dependent rules on the merged (stored + supplied) provider. A gateway's settings are its own:
 * the gateway's check (core.checkProviderSettings) names what is wrong.
 */
function checkMerged(core: Core, type: ProviderType, m: { host: string | null; username: string | null; settings: string | null }): void {
  const rule = PROVIDER_TYPE_RULES[type]
  if (rule.host) required('host', m.host)
  if (rule.username) required('username', m.username)
  const problem = core.checkProviderSettings(type, m.settings)
  if (problem !== null) throw new Invalid('settings', problem)
}

function providerType(v: string | null | undefined): ProviderType {
  const t = required('type', v)
  if (!PROVIDER_TYPES.includes(t as ProviderType)) throw new Invalid('type', 'is not a provider type')
  return t as ProviderType
}

async function assertUniqueName(core: Core, tenantId: number | null, name: string, exceptId?: number): Promise<void> {
  const [hit] = await core.db.select({ id: providers.id }).from(providers)
    .where(and(sql`coalesce(${providers.tenantId}, 0) = ${tenantId ?? 0}`, eq(providers.name, name), exceptId === undefined ? undefined : ne(providers.id, exceptId))).limit(1)
  if (hit) throw new Conflict('name')
}

async function findProvider(core: Core, actor: Actor, id: number): Promise<ProviderView> {
  if (!Number.isSafeInteger(id) || id < 1 || id > MAX_INT) throw new NotFound('Provider', id)
  const [row] = await core.db.select(viewColumns).from(providers).where(and(eq(providers.id, id), tenantScope(actor, providers.tenantId))).limit(1)
  if (!row) throw new NotFound('Provider', id)
  return row
}

/** A provider's port when none is given: its gateway's peer's (Kannel, a fax API), else the type's. */
function defaultPort(core: Core, type: ProviderType, settings: string | null): number | null {
  return core.gatewayDefaultPort(type, settings) ?? PROVIDER_TYPE_RULES[type].port
}

/** Creates a provider of the actor's tenant (admin only); flags and port default from `type` (and the gateway). */
export async function createProvider(core: Core, actor: Actor, input: ProviderFields): Promise<number> {
  requireAdmin(actor, 'provider_create')
  const name = required('name', input.name)
  const type = providerType(input.type)
  const f = checkFields(input)
  const rule = PROVIDER_TYPE_RULES[type]
  checkMerged(core, type, { host: f.host ?? null, username: f.username ?? null, settings: f.settings ?? null })
  const tenantId = tenantOf(actor)
  await assertUniqueName(core, tenantId, name)
  try {
    const [row] = await core.db.insert(providers).values({
      tenantId, name, type, gatewayFlag: rule.gatewayFlag, serviceFlag: f.serviceFlag ?? rule.serviceFlag, nodeId: f.nodeId ?? 1,
      host: f.host ?? null, port: f.port ?? defaultPort(core, type, f.settings ?? null), username: f.username ?? null,
      passwordEnc: f.password ? core.keyring.encrypt(f.password) : null,
      dialstring: f.dialstring ?? null, settings: f.settings ?? null, description: f.description ?? null, prefix: f.prefix ?? null,
      register: f.register ?? false, weight: f.weight ?? 0, active: f.active ?? true,
    }).returning({ id: providers.id })
    return row!.id
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('name')
    throw e
  }
}

/** The tenant's providers (admin only), filtered and paged (§6), by id. */
export async function listProviders(core: Core, actor: Actor, query: ListQuery = {}): Promise<ProviderView[]> {
  requireAdmin(actor, 'provider_list')
  const { serviceFlag, gatewayFlag, ...rest } = refuseNul(query).filters ?? {}
  const w = listWindow(providerFilters, { ...query, filters: rest })
  const bits = [bitmask('serviceFlag', serviceFlag, providers.serviceFlag), bitmask('gatewayFlag', gatewayFlag, providers.gatewayFlag)]
  const q = core.db.select(viewColumns).from(providers)
    .where(and(tenantScope(actor, providers.tenantId), w.where, ...bits)).orderBy(asc(providers.id)).offset(w.offset)
  return w.limit === undefined ? q : q.limit(w.limit)
}

/** `(column & value) <> 0` for a bitmask filter; empty = no filter; non-integer → Invalid. */
export function bitmask(field: string, raw: string | undefined, column: AnyPgColumn) {
  if (raw === undefined || raw === '') return undefined
  if (!/^[0-9]{1,10}$/.test(raw) || Number(raw) > MAX_INT) throw new Invalid(field, 'must be an integer')
  return sql`(${column} & ${Number(raw)}) <> 0`
}

export async function getProvider(core: Core, actor: Actor, id: number): Promise<ProviderView> {
  requireAdmin(actor, 'provider_read')
  return findProvider(core, actor, id)
}

/**
 * Partial update (admin only). A new `type` recomputes `gateway_flag` and, unless supplied,
 * resets `service_flag` and `port` to that type's defaults.
 */
export async function updateProvider(core: Core, actor: Actor, id: number, input: ProviderFields): Promise<ProviderView> {
  requireAdmin(actor, 'provider_update')
  const current = await findProvider(core, actor, id)
  const f = checkFields(input)
  notCleared('name', f.name)
  const type = input.type === undefined ? current.type : providerType(input.type)
  const rule = PROVIDER_TYPE_RULES[type]
  const set: Partial<typeof providers.$inferInsert> = { updatedAt: core.now() }
  const settings = f.settings !== undefined ? f.settings : current.settings
  if (type !== current.type) {
    Object.assign(set, { type, gatewayFlag: rule.gatewayFlag, serviceFlag: rule.serviceFlag, port: defaultPort(core, type, settings) })
  }
  if (f.name) set.name = f.name
  for (const k of ['host', 'username', 'dialstring', 'settings', 'description', 'prefix'] as const) if (f[k] !== undefined) set[k] = f[k]
  if (f.serviceFlag !== undefined) set.serviceFlag = f.serviceFlag ?? rule.serviceFlag
  if (f.port !== undefined) set.port = f.port ?? defaultPort(core, type, settings)
  if (f.nodeId !== undefined) set.nodeId = f.nodeId ?? 1
  if (f.weight !== undefined) set.weight = f.weight ?? 0
  if (f.register !== undefined) set.register = f.register ?? false
  if (f.active !== undefined) set.active = f.active ?? true
  if (f.password !== undefined) set.passwordEnc = f.password ? core.keyring.encrypt(f.password) : null
  checkMerged(core, type, {
    host: set.host !== undefined ? set.host : current.host, username: set.username !== undefined ? set.username : current.username,
    settings: set.settings !== undefined ? set.settings : current.settings,
  })
  if (f.name) await assertUniqueName(core, current.tenantId, f.name, id)
  try {
    await core.db.update(providers).set(set).where(eq(providers.id, id))
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('name')
    throw e
  }
  return findProvider(core, actor, id)
}

/** Deletes a provider (admin only); spools keep its id. */
export async function deleteProvider(core: Core, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor, 'provider_delete')
  await findProvider(core, actor, id)
  await core.db.delete(providers).where(eq(providers.id, id))
}

/** A provider chosen for a send, with its gateway password decrypted (core-internal, never on the wire). */
export type RoutedProvider = ProviderView & { password: string | null }

const EMAIL = 8
const MAIL_TYPES: ProviderType[] = ['smtp', 'sendmail', 'sandbox']

/**
 * Routing (spec/ictcore.md §7.1): the tenant's active provider whose `service_flag` has the bit,
 * lowest `weight`, then lowest id, skipping a `down` one (spec/gateways.md §1); email only through
 * smtp / sendmail / sandbox providers.
 * `db` is the caller's transaction, if any (PGlite has one connection).
 * Null when none: the caller decides (404 `No provider available`, or the default mail transport).
 */
export async function routeProvider(core: Core, tenantId: number | null, serviceFlag: number, db: Db = core.db): Promise<RoutedProvider | null> {
  const rows = await db.select({ ...viewColumns, passwordEnc: providers.passwordEnc }).from(providers)
    .where(and(
      tenantId === null ? isNull(providers.tenantId) : eq(providers.tenantId, tenantId),
      eq(providers.active, true),
      sql`(${providers.serviceFlag} & ${serviceFlag}) <> 0`,
      (serviceFlag & EMAIL) !== 0 ? inArray(providers.type, MAIL_TYPES) : undefined,
    ))
    .orderBy(asc(providers.weight), asc(providers.id)).limit(ROUTE_CANDIDATES)
  // spec/gateways.md §1: a `down` provider takes no new spools, the next usable one by weight does;
  // with none usable the first one keeps them (its gateway holds them until it is up again).
  const row = rows.find((r) => core.providerHealth.usable(r.id)) ?? rows[0]
  return row ? withPassword(core, row) : null
}

/** Providers routing looks at for one send (a tenant has a handful). */
const ROUTE_CANDIDATES = 20

function withPassword(core: Core, row: ProviderView & { passwordEnc: string | null }): RoutedProvider {
  const { passwordEnc, ...view } = row
  return { ...view, password: passwordEnc ? core.keyring.decrypt(passwordEnc) : null }
}

/** The provider an attempt was routed through, password decrypted, or null when it is gone (dispatcher side). */
export async function providerForAttempt(core: Core, id: number): Promise<RoutedProvider | null> {
  const [row] = await core.db.select({ ...viewColumns, passwordEnc: providers.passwordEnc }).from(providers).where(eq(providers.id, id)).limit(1)
  return row ? withPassword(core, row) : null
}

/** Every active provider of the given types, passwords decrypted (dispatcher side: gateways that keep sessions open). */
export async function activeProvidersOfTypes(core: Core, types: readonly ProviderType[]): Promise<RoutedProvider[]> {
  if (types.length === 0) return []
  const rows = await core.db.select({ ...viewColumns, passwordEnc: providers.passwordEnc }).from(providers)
    .where(and(eq(providers.active, true), inArray(providers.type, [...types]))).orderBy(asc(providers.id))
  return rows.map((r) => withPassword(core, r))
}
