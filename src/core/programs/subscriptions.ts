import { and, eq, inArray } from 'drizzle-orm'
import { findVisibleAccount, type AccountView } from '../accounts/accounts.ts'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Invalid } from '../errors.ts'
import { requirePermission } from '../kernel/guard.ts'
import { isProgramType, PROGRAM_TYPES } from './program-types.ts'
import { createProgram, findVisibleProgram, subscribeRow, type ProgramFields } from './programs.ts'
import { accountPrograms, programs, type ProgramType } from './programs.table.ts'

/**
 * Account program subscriptions (spec/ictcore.md §4.9, §7.4): an account runs at most one
 * inbound program per service; subscribing replaces the previous one of that service.
 */

/** Subscribes a visible inbound program to a visible account; an outbound program → Invalid('programId'). */
export async function subscribeProgram(core: Core, actor: Actor, accountId: number, programId: number): Promise<AccountView> {
  requirePermission(actor, 'account_update')
  await findVisibleAccount(core, actor, accountId)
  const program = await findVisibleProgram(core.db, actor, programId)
  if (program.direction !== 'inbound') throw new Invalid('programId', 'is not an inbound program')
  // One statement: the upsert replaces the account's program of that service.
  await subscribeRow(core.db, accountId, program.id, program.serviceFlag)
  return findVisibleAccount(core, actor, accountId)
}

/**
 * Creates an inbound program of `type` for a visible account (its `accountId` = the account,
 * owner = the actor) and subscribes it; returns the new program id. Outbound type → Invalid('type').
 */
export async function subscribeNewProgram(core: Core, actor: Actor, accountId: number, type: ProgramType, input: ProgramFields): Promise<number> {
  requirePermission(actor, 'account_update')
  await findVisibleAccount(core, actor, accountId)
  if (!isProgramType(type) || PROGRAM_TYPES[type].direction !== 'inbound') throw new Invalid('type', 'is not an inbound program type')
  return createProgram(core, actor, type, { ...input, accountId })
}

/** Unsubscribes one visible program from a visible account (idempotent). */
export async function unsubscribeProgram(core: Core, actor: Actor, accountId: number, programId: number): Promise<AccountView> {
  requirePermission(actor, 'account_update')
  await findVisibleAccount(core, actor, accountId)
  await findVisibleProgram(core.db, actor, programId)
  await core.db.delete(accountPrograms).where(and(eq(accountPrograms.accountId, accountId), eq(accountPrograms.programId, programId)))
  return findVisibleAccount(core, actor, accountId)
}

/** Unsubscribes every program of one type from a visible account (idempotent). */
export async function unsubscribeProgramType(core: Core, actor: Actor, accountId: number, type: ProgramType): Promise<AccountView> {
  requirePermission(actor, 'account_update')
  await findVisibleAccount(core, actor, accountId)
  const ofType = core.db.select({ id: programs.id }).from(programs).where(eq(programs.type, type))
  await core.db.delete(accountPrograms).where(and(eq(accountPrograms.accountId, accountId), inArray(accountPrograms.programId, ofType)))
  return findVisibleAccount(core, actor, accountId)
}

/** Unsubscribes every program from a visible account (idempotent). */
export async function unsubscribeAllPrograms(core: Core, actor: Actor, accountId: number): Promise<AccountView> {
  requirePermission(actor, 'account_update')
  await findVisibleAccount(core, actor, accountId)
  await core.db.delete(accountPrograms).where(eq(accountPrograms.accountId, accountId))
  return findVisibleAccount(core, actor, accountId)
}
