import { and, eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Invalid, NotFound } from '../errors.ts'
import { LONG_TEXT, textRule } from '../kernel/field-rules.ts'
import { requirePermission } from '../kernel/guard.ts'
import { accountScope, findVisibleAccount, mergeSettings } from './accounts.ts'
import { accounts } from './accounts.table.ts'

const SETTING_NAME = /^[A-Za-z0-9_.-]{1,64}$/

/** One named setting of a visible account; unknown → NotFound('Setting'). */
export async function getAccountSetting(core: Core, actor: Actor, accountId: number, name: string): Promise<{ name: string; value: string }> {
  requirePermission(actor, 'account_read')
  const account = await findVisibleAccount(core, actor, accountId)
  const value = account.settings[name]
  if (!SETTING_NAME.test(name) || value === undefined) throw new NotFound('Setting', name)
  return { name, value }
}

/** Creates or replaces a setting (values are stored verbatim as strings). */
export async function putAccountSetting(core: Core, actor: Actor, accountId: number, name: string, value: string | null | undefined): Promise<{ name: string; value: string }> {
  requirePermission(actor, 'account_update')
  await findVisibleAccount(core, actor, accountId)
  if (!SETTING_NAME.test(name)) throw new Invalid('name', 'must be 1-64 letters, digits or _ . -')
  if (value === undefined || value === null) throw new Invalid('value', 'is required', 'required')
  textRule('value', value, LONG_TEXT)
  await core.db.update(accounts).set({ settings: mergeSettings({ [name]: value }), updatedAt: core.now() })
    .where(and(eq(accounts.id, accountId), accountScope(actor)))
  return { name, value }
}

/** Removes a setting; idempotent. */
export async function deleteAccountSetting(core: Core, actor: Actor, accountId: number, name: string): Promise<void> {
  requirePermission(actor, 'account_update')
  await findVisibleAccount(core, actor, accountId)
  await core.db.update(accounts).set({ settings: sql`${accounts.settings} - ${name}::text`, updatedAt: core.now() })
    .where(and(eq(accounts.id, accountId), accountScope(actor)))
}
