import { and, asc, eq } from 'drizzle-orm'
import { accountScope } from '../accounts/accounts.ts'
import { accounts } from '../accounts/accounts.table.ts'
import type { Actor } from '../actor.ts'
import { campaigns } from '../campaigns/campaigns.table.ts'
import type { Core } from '../core.ts'
import { Invalid, Locked, NotFound } from '../errors.ts'
import { documents, recordings, templates, texts } from '../messages/messages.table.ts'
import { ownedScope, tenantOf } from '../kernel/tenancy.ts'
import { blankToNull, emailRule, textRule } from '../kernel/field-rules.ts'
import { requirePermission } from '../kernel/guard.ts'
import { users } from '../users/users.table.ts'
import { listWindow, type FilterSpec, type ListQuery } from '../kernel/list-filter.ts'
import type { Db } from '../../db/client.ts'
import { isProgramType, PROGRAM_TYPES, type ProgramTypeInfo } from './program-types.ts'
import { accountPrograms, programs, type ProgramParams, type ProgramType } from './programs.table.ts'
import { validId } from '../kernel/ids.ts'

/** A program as stored: type, flags, owner, its parameters and compiled steps. */
export type ProgramView = typeof programs.$inferSelect

/** Writable program fields; `undefined` = not supplied, `null` = clear. Parameters outside the type are ignored. */
export interface ProgramFields {
  name?: string | null
  parentId?: number | null
  accountId?: number | null
  documentId?: number | null
  recordingId?: number | null
  textId?: number | null
  text?: string | null
  templateId?: number | null
  email?: string | null
  extensionId?: number | null
}

const TTS_MAX = 4000

const programFilters: FilterSpec = {
  created: programs.createdAt,
  exact: {
    id: { column: programs.id, kind: 'int' }, parentId: { column: programs.parentId, kind: 'int' },
    userId: { column: programs.userId, kind: 'int' }, type: { column: programs.type, kind: 'enum' },
  },
  text: { name: programs.name },
}

/** List filter values cannot hold NUL (PostgreSQL text cannot): Invalid for that filter. */
export function refuseNul(query: ListQuery): ListQuery {
  for (const [name, v] of Object.entries(query.filters ?? {})) if (v?.includes('\u0000')) throw new Invalid(name, 'contains a NUL character')
  return query
}


/** One visible program, or NotFound('Program'). */
export async function getProgram(core: Core, actor: Actor, id: number): Promise<ProgramView> {
  requirePermission(actor, 'program_read')
  return findVisibleProgram(core.db, actor, id)
}

export async function findVisibleProgram(db: Db, actor: Actor, id: number): Promise<ProgramView> {
  if (!validId(id)) throw new NotFound('Program', id)
  const [row] = await db.select().from(programs).where(and(eq(programs.id, id), ownedScope(actor, programs))).limit(1)
  if (!row) throw new NotFound('Program', id)
  return row
}

/** Visible programs (optionally of one type), filtered and paged (§6), by id. */
export async function listPrograms(core: Core, actor: Actor, query: ListQuery = {}, only: { type?: ProgramType } = {}): Promise<ProgramView[]> {
  requirePermission(actor, 'program_list')
  const w = listWindow(programFilters, refuseNul(query))
  const q = core.db.select().from(programs)
    .where(and(ownedScope(actor, programs), only.type ? eq(programs.type, only.type) : undefined, w.where))
    .orderBy(asc(programs.id)).offset(w.offset)
  return w.limit === undefined ? q : q.limit(w.limit)
}

/** A referenced id must name a row the actor may see, else Invalid for that field (§5.7). */
async function assertVisible(db: Db, actor: Actor, field: string, id: number, table: typeof documents | typeof recordings | typeof templates | typeof texts): Promise<void> {
  if (!validId(id)) throw new Invalid(field, 'does not name a visible object', 'reference')
  const [hit] = await db.select({ id: table.id }).from(table).where(and(eq(table.id, id), ownedScope(actor, table))).limit(1)
  if (!hit) throw new Invalid(field, 'does not name a visible object', 'reference')
}

async function visibleAccount(db: Db, actor: Actor, field: string, id: number, type?: 'extension'): Promise<{ id: number; email: string | null; userId: number | null }> {
  if (!validId(id)) throw new Invalid(field, 'does not name a visible account', 'reference')
  const [hit] = await db.select({ id: accounts.id, email: accounts.email, userId: accounts.userId }).from(accounts)
    .where(and(eq(accounts.id, id), type ? eq(accounts.type, type) : undefined, accountScope(actor))).limit(1)
  if (!hit) throw new Invalid(field, 'does not name a visible account', 'reference')
  return hit
}

/** The parent must be a visible program and must not lead back to `selfId` (no cycles). */
async function assertParent(db: Db, actor: Actor, parentId: number, selfId?: number): Promise<void> {
  if (!validId(parentId) || parentId === selfId) throw new Invalid('parentId', 'does not name a visible program', 'reference')
  await findVisibleProgram(db, actor, parentId).catch(() => { throw new Invalid('parentId', 'does not name a visible program', 'reference') })
  if (selfId === undefined) return
  // Walk up from the parent; meeting `selfId` would make a cycle.
  let at: number | null = parentId
  for (let depth = 0; at !== null && depth < 1000; depth++) {
    if (at === selfId) throw new Invalid('parentId', 'would make a cycle')
    const [up]: { parentId: number | null }[] = await db.select({ parentId: programs.parentId }).from(programs).where(eq(programs.id, at)).limit(1)
    at = up?.parentId ?? null
  }
}

/**
 * Validates the type's parameters (merged over `current` for updates) and returns what to store.
 * Only supplied references are looked up; required groups are checked on the merged result.
 */
async function resolveParams(db: Db, actor: Actor, info: ProgramTypeInfo, input: ProgramFields, current: ProgramParams = {}): Promise<ProgramParams> {
  const out: ProgramParams = { ...current }
  for (const key of info.params) {
    const v = input[key]
    if (v === undefined) continue
    if (v === null) { delete out[key]; continue }
    switch (key) {
      case 'documentId': await assertVisible(db, actor, key, v as number, documents); break
      case 'recordingId': await assertVisible(db, actor, key, v as number, recordings); break
      case 'templateId': await assertVisible(db, actor, key, v as number, templates); break
      case 'textId': await assertVisible(db, actor, key, v as number, texts); break
      case 'extensionId': await visibleAccount(db, actor, key, v as number, 'extension'); break
      case 'text':
        if ((v as string).length < 1) throw new Invalid('text', 'is required', 'required')
        textRule('text', v as string, TTS_MAX)
        break
      case 'email': emailRule('email', textRule('email', v as string)); break
    }
    ;(out as Record<string, unknown>)[key] = v
  }
  for (const group of info.required) {
    if (group.every((k) => out[k] === undefined || out[k] === null)) throw new Invalid(group[0]!, 'is required', 'required')
  }
  return out
}

function checkName(name: string | null | undefined): string | null | undefined {
  textRule('name', name)
  return blankToNull(name)
}

/**
 * Creates a program of `type` owned by the actor; an inbound program with `accountId` is
 * subscribed to that account at once, replacing its program of the same service (§7.4).
 */
export async function createProgram(core: Core, actor: Actor, type: string, input: ProgramFields): Promise<number> {
  requirePermission(actor, 'program_create')
  if (!isProgramType(type)) throw new Invalid('type', 'is not a program type')
  const info = PROGRAM_TYPES[type]
  const name = checkName(input.name) ?? type
  return core.db.transaction(async (tx) => {
    const params = await resolveParams(tx, actor, info, input)
    let account: { id: number; email: string | null; userId: number | null } | null = null
    if (input.accountId !== undefined && input.accountId !== null) account = await visibleAccount(tx, actor, 'accountId', input.accountId)
    if (input.parentId !== undefined && input.parentId !== null) await assertParent(tx, actor, input.parentId)
    if (type === 'faxtoemail' && !params.email && account) params.email = (await defaultEmail(tx, account)) ?? undefined
    const id = await insertProgram(tx, { tenantId: tenantOf(actor), userId: actor.userId, name, type, parentId: input.parentId ?? null, accountId: account?.id ?? null, params })
    if (info.direction === 'inbound' && account) await subscribeRow(tx, account.id, id, info.serviceFlag)
    return id
  })
}

/**
 * Writes a program row whose fields were checked by the caller; its service, direction and steps
 * follow from its type (PROGRAM_TYPES). Returns its id.
 */
export async function insertProgram(db: Db, row: {
  tenantId: number | null; userId: number | null; name: string; type: ProgramType; parentId: number | null; accountId: number | null; params: ProgramParams
}): Promise<number> {
  const info = PROGRAM_TYPES[row.type]
  const [inserted] = await db.insert(programs).values({
    ...row, serviceFlag: info.serviceFlag, direction: info.direction, steps: [...info.steps],
  }).returning({ id: programs.id })
  return inserted!.id
}

/** faxtoemail's destination: the account's email, else its owner's. */
async function defaultEmail(db: Db, account: { email: string | null; userId: number | null }): Promise<string | null> {
  if (account.email) return account.email
  if (account.userId === null) return null
  const [owner] = await db.select({ email: users.email }).from(users).where(eq(users.id, account.userId)).limit(1)
  return owner?.email ?? null
}

/** Partial update: `name`, `parentId`, `accountId` and the type's parameters; `type` is immutable. */
export async function updateProgram(core: Core, actor: Actor, id: number, input: ProgramFields): Promise<ProgramView> {
  requirePermission(actor, 'program_update')
  return core.db.transaction(async (tx) => {
    const current = await findVisibleProgram(tx, actor, id)
    const info = PROGRAM_TYPES[current.type]
    const params = await resolveParams(tx, actor, info, input, current.params)
    const set: Partial<typeof programs.$inferInsert> = { params, updatedAt: core.now() }
    if (input.name !== undefined) set.name = checkName(input.name) ?? current.type
    if (input.parentId !== undefined) {
      if (input.parentId !== null) await assertParent(tx, actor, input.parentId, id)
      set.parentId = input.parentId
    }
    if (input.accountId !== undefined) set.accountId = input.accountId === null ? null : (await visibleAccount(tx, actor, 'accountId', input.accountId)).id
    await tx.update(programs).set(set).where(eq(programs.id, id))
    return findVisibleProgram(tx, actor, id)
  })
}

/** Deletes a visible program (its subscriptions go with it); a running campaign using it → Locked. */
export async function deleteProgram(core: Core, actor: Actor, id: number): Promise<void> {
  requirePermission(actor, 'program_delete')
  await core.db.transaction(async (tx) => {
    await findVisibleProgram(tx, actor, id)
    const [running] = await tx.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.programId, id), eq(campaigns.status, 'running'))).limit(1)
    if (running) throw new Locked('Program is in use')
    await tx.delete(programs).where(eq(programs.id, id))
  })
}

/** Subscribes a program to an account, replacing its program of that service (one per account+service). */
export async function subscribeRow(db: Db, accountId: number, programId: number, serviceFlag: number): Promise<void> {
  await db.insert(accountPrograms).values({ accountId, programId, serviceFlag })
    .onConflictDoUpdate({ target: [accountPrograms.accountId, accountPrograms.serviceFlag], set: { programId } })
}

/** The program an account runs for inbound traffic of one service, or null (dispatcher side, no actor). */
export async function subscribedProgram(core: Core, accountId: number, serviceFlag: number): Promise<ProgramView | null> {
  if (!validId(accountId)) return null
  const [row] = await core.db.select({ program: programs }).from(accountPrograms)
    .innerJoin(programs, eq(programs.id, accountPrograms.programId))
    .where(and(eq(accountPrograms.accountId, accountId), eq(accountPrograms.serviceFlag, serviceFlag))).limit(1)
  return row?.program ?? null
}
