import type { Db } from '../../db/client.ts'
import type { accounts } from '../accounts/accounts.table.ts'
import type { Actor } from '../actor.ts'
import { findOrCreateContact } from '../contacts/contacts.ts'
import type { Core } from '../core.ts'
import { placeMedia, type StagedMedia } from '../messages/media.ts'
import { documents, templates } from '../messages/messages.table.ts'
import { PROGRAM_TYPES } from '../programs/program-types.ts'
import type { ProgramParams } from '../programs/programs.table.ts'
import { insertProgram, type ProgramView } from '../programs/programs.ts'
import { phoneRule } from '../kernel/field-rules.ts'
import { startAttempts } from '../delivery/attempt-start.ts'
import { spoolResults, transmissions } from './transmissions.table.ts'

/** What an inbound message brings for its child program, staged before the transaction. */
export interface Forwarding {
  /** faxtoemail: the received fax, staged a second time as the email's attachment. */
  faxCopy: StagedMedia | null
  /** emailtofax: the attachments a fax can carry, in the email's order. */
  faxable: StagedMedia[]
}

/** The inbound message as received, for the child program it starts. */
export interface ReceivedInbound {
  account: typeof accounts.$inferSelect
  /** The account's owner: owns the child program, its message, contact and transmission. */
  owner: Actor
  program: ProgramView
  from: string
  to: string
  subject?: string
  pages: number
  /** The inbound spool, where a child that cannot start is explained (`error`/`error`). */
  spoolId: number
  now: Date
}

/**
 * Child programs of spec/ictcore.md §7.4, run in the inbound transaction: faxtoemail emails the
 * received fax to the program's `email`; emailtofax faxes the email's document attachments to the
 * number in the recipient's local part. Each creates a child program (`parent_id` = the inbound
 * program), its message, the destination contact and an outbound transmission, whose attempt is
 * started at once. Returns the child transmission id, or null when there is nothing to forward
 * (the reason is a result row of the inbound spool; the reception itself still succeeded).
 */
export async function forwardInbound(core: Core, tx: Db, received: ReceivedInbound, forwarding: Forwarding): Promise<number | null> {
  if (received.program.type === 'faxtoemail') return faxToEmail(core, tx, received, forwarding.faxCopy!)
  if (received.program.type === 'emailtofax') return emailToFax(core, tx, received, forwarding.faxable)
  return null
}

async function faxToEmail(core: Core, tx: Db, r: ReceivedInbound, fax: StagedMedia): Promise<number | null> {
  const email = r.program.params.email
  if (!email) return unforwarded(tx, r, 'no email address to forward the fax to')
  const title = `Fax from ${r.from}`
  const [template] = await tx.insert(templates).values({
    tenantId: r.account.tenantId, userId: r.account.userId, name: title, subject: title,
    body: `A fax of ${r.pages} page${r.pages === 1 ? '' : 's'} from ${r.from} to ${r.to} is attached.`,
  }).returning({ id: templates.id })
  await placeMedia(core, tx, 'template', template!.id, fax, 'replace')
  return startChild(core, tx, r, 'sendemail', { templateId: template!.id }, { email }, title)
}

async function emailToFax(core: Core, tx: Db, r: ReceivedInbound, files: readonly StagedMedia[]): Promise<number | null> {
  const number = faxNumberOf(r.to)
  if (!number) return unforwarded(tx, r, 'the recipient is not a fax number')
  if (files.length === 0) return unforwarded(tx, r, 'no attachment a fax can carry')
  const title = r.subject?.trim() || `Email from ${r.from}`
  const [document] = await tx.insert(documents).values({ tenantId: r.account.tenantId, userId: r.account.userId, name: title }).returning({ id: documents.id })
  for (const f of files) await placeMedia(core, tx, 'document', document!.id, f, 'append')
  return startChild(core, tx, r, 'sendfax', { documentId: document!.id }, { phone: number }, title)
}

async function startChild(core: Core, tx: Db, r: ReceivedInbound, type: 'sendemail' | 'sendfax', params: ProgramParams, address: { phone?: string; email?: string }, title: string): Promise<number> {
  const { tenantId, userId } = r.account
  const programId = await insertProgram(tx, { tenantId, userId, name: title, type, parentId: r.program.id, accountId: r.account.id, params })
  const contact = await findOrCreateContact(tx, r.owner, address)
  const [t] = await tx.insert(transmissions).values({
    tenantId, userId, title, origin: type, contactId: contact.id, accountId: r.account.id, programId,
    serviceFlag: PROGRAM_TYPES[type].serviceFlag, direction: 'outbound', status: 'pending', nextRun: r.now,
  }).returning({ id: transmissions.id })
  // No provider yet: it stays pending and is retried like any automatic send.
  await startAttempts(core, tx, [t!.id], { now: r.now, automatic: true })
  return t!.id
}

async function unforwarded(tx: Db, r: ReceivedInbound, reason: string): Promise<null> {
  await tx.insert(spoolResults).values({ spoolId: r.spoolId, type: 'error', name: 'error', data: reason })
  return null
}

/** The fax number in an email-to-fax recipient's local part (`+1 555 0100@fax.example` → `+15550100`), or null. */
export function faxNumberOf(recipient: string): string | null {
  const local = recipient.slice(0, recipient.lastIndexOf('@'))
  try {
    return phoneRule('to', local) ?? null
  } catch {
    return null
  }
}
