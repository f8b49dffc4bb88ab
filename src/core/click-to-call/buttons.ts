import { and, eq } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Locked, NotFound } from '../errors.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { visibilityKey } from '../read-cache.ts'
import {
  buttonAttributeName, buttonAttributeOf, buttonAttributeValue, teleformAttributeName, teleformAttributeValue, teleformLook,
  type ButtonAttribute, type TeleformAttribute,
} from './button-attributes.ts'
import { clickToCallMembers, memberPhones, webButtons, type TeleformAttributes } from './click-to-call.table.ts'
import { canonicalGuid, newGuid } from './identifiers.ts'
import { DEFAULT_BUTTON } from './defaults.ts'
import { findPhone } from './phones.ts'
import { templateById, type Template } from './templates.ts'

export type WebButton = typeof webButtons.$inferSelect
export type WebButtonWithPhone = WebButton & { phoneNumber: string }

export const NEW_BUTTON_NAME = 'Web Button'

/** One of the member's buttons with its phone's number; another member's (or a deleted) one → NotFound('Button'). */
export async function getButton(core: Core, actor: Actor, customerId: number, guid: string): Promise<WebButtonWithPhone> {
  const g = canonicalGuid(guid)
  if (!g) throw new NotFound('Button', guid)
  const [row] = await core.db.select({ button: webButtons, phoneNumber: memberPhones.number }).from(webButtons)
    .innerJoin(memberPhones, eq(memberPhones.id, webButtons.phoneId))
    .where(and(eq(webButtons.guid, g), eq(webButtons.customerId, customerId), tenantScope(actor, webButtons.tenantId)))
  if (!row) throw new NotFound('Button', guid)
  return { ...row.button, phoneNumber: row.phoneNumber }
}

/** The member's default button (a hot read of the publish transactions 3305/3306/3307: cached exactly). */
export async function getDefaultButton(core: Core, actor: Actor, customerId: number): Promise<WebButtonWithPhone> {
  return core.reads.get(`default-button:${visibilityKey(actor)}:${customerId}`, BUTTON_TABLES, () => loadDefaultButton(core, actor, customerId))
}

const BUTTON_TABLES = ['web_buttons', 'member_phones']

async function loadDefaultButton(core: Core, actor: Actor, customerId: number): Promise<WebButtonWithPhone> {
  const [row] = await core.db.select({ button: webButtons, phoneNumber: memberPhones.number }).from(webButtons)
    .innerJoin(memberPhones, eq(memberPhones.id, webButtons.phoneId))
    .where(and(eq(webButtons.customerId, customerId), eq(webButtons.isDefault, true), tenantScope(actor, webButtons.tenantId)))
  if (!row) throw new NotFound('Button', 'default')
  return { ...row.button, phoneNumber: row.phoneNumber }
}

/** Adds a button (name default `Web Button`) calling one of the member's phones (default: the default phone). */
export async function addButton(core: Core, actor: Actor, customerId: number, input: { name?: string; phone?: string }): Promise<WebButtonWithPhone> {
  const [member] = await core.db.select({ tenantId: clickToCallMembers.tenantId }).from(clickToCallMembers)
    .where(and(eq(clickToCallMembers.customerId, customerId), tenantScope(actor, clickToCallMembers.tenantId)))
  if (!member) throw new NotFound('Member', customerId)
  const phone = input.phone !== undefined
    ? await findPhone(core.db, actor, customerId, input.phone)
    : (await core.db.select().from(memberPhones).where(and(eq(memberPhones.customerId, customerId), eq(memberPhones.isDefault, true))))[0]
  if (!phone) throw new NotFound('Phone', 'default')
  const { name: _defaultName, ...look } = DEFAULT_BUTTON
  const [b] = await core.db.insert(webButtons).values({
    guid: newGuid(), tenantId: member.tenantId, customerId, phoneId: phone.id, name: input.name ?? NEW_BUTTON_NAME, isDefault: false, ...look,
  }).returning()
  return { ...b!, phoneNumber: phone.number }
}

/** Renames a button and/or routes it to another of the member's phones. */
export async function updateButton(core: Core, actor: Actor, customerId: number, guid: string, patch: { name?: string; phone?: string }): Promise<WebButtonWithPhone> {
  const button = await getButton(core, actor, customerId, guid)
  const phone = patch.phone !== undefined ? await findPhone(core.db, actor, customerId, patch.phone) : null
  if (!phone && patch.name === undefined) return button
  const [b] = await core.db.update(webButtons)
    .set({ name: patch.name ?? button.name, phoneId: phone?.id ?? button.phoneId, updatedAt: core.now() })
    .where(eq(webButtons.id, button.id)).returning()
  return { ...b!, phoneNumber: phone?.number ?? button.phoneNumber }
}

/**
 * Sets one button attribute (name any case; value null resets it). Name and value are checked
 * before the button is looked up. Returns the canonical name and the stored value.
 */
export async function setButtonAttribute(core: Core, actor: Actor, customerId: number, guid: string, name: string, value: string | null): Promise<{ name: ButtonAttribute; value: string }> {
  const attr = buttonAttributeName(name)
  const patch = buttonAttributeValue(attr, value)
  const button = await getButton(core, actor, customerId, guid)
  const [b] = await core.db.update(webButtons).set({ ...patch, updatedAt: core.now() }).where(eq(webButtons.id, button.id)).returning()
  return { name: attr, value: buttonAttributeOf(b!, attr) }
}

/** Deletes a button; the default one is Locked. */
export async function deleteButton(core: Core, actor: Actor, customerId: number, guid: string): Promise<string> {
  const button = await getButton(core, actor, customerId, guid)
  if (button.isDefault) throw new Locked('default button')
  await core.db.delete(webButtons).where(eq(webButtons.id, button.id))
  return button.guid
}

function templateOf(button: WebButton): Template {
  return templateById(button.templateId) ?? templateById(1)!
}

/**
 * Sets one teleform attribute of a button (name any case; value null resets it to the template's).
 * Returns the canonical name and the effective value.
 */
export async function setTeleformAttribute(core: Core, actor: Actor, customerId: number, guid: string, name: string, value: string | null): Promise<{ name: TeleformAttribute; value: string }> {
  const attr = teleformAttributeName(name)
  const stored = teleformAttributeValue(attr, value)
  const button = await getButton(core, actor, customerId, guid)
  const teleform: TeleformAttributes = { ...button.teleform }
  if (stored === null) delete teleform[attr]
  else (teleform as Record<string, unknown>)[attr] = stored
  await core.db.update(webButtons).set({ teleform, updatedAt: core.now() }).where(eq(webButtons.id, button.id))
  return { name: attr, value: String(teleformLook(templateOf(button), teleform)[attr]) }
}

/** Switches a button's template; explicitly set teleform attributes are kept. */
export async function changeTemplate(core: Core, actor: Actor, customerId: number, guid: string, templateId: number): Promise<Template> {
  const template = templateById(templateId)
  if (!template) throw new NotFound('Template', templateId)
  const button = await getButton(core, actor, customerId, guid)
  await core.db.update(webButtons).set({ templateId: template.id, updatedAt: core.now() }).where(eq(webButtons.id, button.id))
  return template
}

/** A button's effective teleform look (template defaults under its overrides). */
export function buttonTeleform(button: WebButton): Required<TeleformAttributes> & { template: Template } {
  const template = templateOf(button)
  return { ...teleformLook(template, button.teleform), template }
}

