import { and, eq } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { NotFound } from '../errors.ts'
import { buttonTeleform } from './buttons.ts'
import { clickToCallMembers, memberPhones, webButtons } from './click-to-call.table.ts'
import { canonicalGuid } from './identifiers.ts'
import type { Template } from './templates.ts'

/** What a website visitor's pages show of a button (spec/packetera.md §8): its look and teleform. */
export interface PublicButton {
  guid: string
  tenantId: number
  customerId: number
  /** The button's phone (normalised) and its account: the member leg of a callback. */
  phoneNumber: string
  phoneAccountId: number
  type: number
  url: string
  linkText: string
  toolTips: string
  template: Template
  width: number
  height: number
  backgroundcolour: string
  headerimage: string
  footerimage: string
}

/**
 * A button as the public hosted pages see it. The GUID is the capability (like the activation
 * link), so no actor: an unknown or deleted button, or one of an inactive member → NotFound('Button').
 */
export async function findPublicButton(core: Core, guid: string): Promise<PublicButton> {
  const g = canonicalGuid(guid)
  if (!g) throw new NotFound('Button', guid)
  return core.reads.get(`public-button:${g}`, PUBLIC_BUTTON_TABLES, async () => {
    const [row] = await core.db.select({ button: webButtons, phoneNumber: memberPhones.number, phoneAccountId: memberPhones.accountId }).from(webButtons)
      .innerJoin(memberPhones, eq(memberPhones.id, webButtons.phoneId))
      .innerJoin(clickToCallMembers, eq(clickToCallMembers.customerId, webButtons.customerId))
      .where(and(eq(webButtons.guid, g), eq(clickToCallMembers.active, true)))
    if (!row) throw new NotFound('Button', guid)
    const b = row.button
    const look = buttonTeleform(b)
    return {
      guid: b.guid, tenantId: b.tenantId, customerId: b.customerId, phoneNumber: row.phoneNumber, phoneAccountId: row.phoneAccountId,
      type: b.type, url: b.url, linkText: b.linkText, toolTips: b.toolTips, template: look.template,
      width: look.width, height: look.height, backgroundcolour: look.backgroundcolour, headerimage: look.headerimage, footerimage: look.footerimage,
    }
  })
}

const PUBLIC_BUTTON_TABLES = ['web_buttons', 'member_phones', 'click_to_call_members']
