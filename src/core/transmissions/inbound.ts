import { and, asc, eq, sql } from 'drizzle-orm'
import { accounts } from '../accounts/accounts.table.ts'
import type { Actor } from '../actor.ts'
import { findOrCreateContact } from '../contacts/contacts.ts'
import type { Core } from '../core.ts'
import { Invalid, NotFound } from '../errors.ts'
import { discardStaged, placeMedia, stageMedia, type StagedMedia } from '../messages/media.ts'
import { mediaExtension } from '../messages/media-types.ts'
import { defaultTextType } from '../messages/messages.ts'
import { documents, templates, texts } from '../messages/messages.table.ts'
import { SERVICE } from '../programs/program-types.ts'
import { accountPrograms, programs } from '../programs/programs.table.ts'
import { subscribedProgram } from '../programs/programs.ts'
import { emailRule, phoneRule, textRule, LONG_TEXT } from '../kernel/field-rules.ts'
import { faxNumberOf, forwardInbound, type Forwarding } from './inbound-forwarding.ts'
import { spoolResults, spools, transmissions } from './transmissions.table.ts'

/** A file that came with an inbound message: an email attachment, or the received fax. */
export interface InboundFile {
  bytes: Uint8Array
  mime: string
}

/** An inbound SMS, email or fax as a gateway's inbound entry point hands it over. */
export interface InboundMessage {
  service: 'sms' | 'email' | 'fax'
  /** Sender: a phone number (sms, fax) or an email address. */
  from: string
  /** Recipient: the account's phone (sms, fax) or email (for emailtofax: `<fax number>@…`). */
  to: string
  /** The SMS text, or the email's plain body. */
  text?: string
  subject?: string
  /** Email attachments; for a fax, the received document (exactly one). */
  attachments?: readonly InboundFile[]
  /** Pages of a received fax (default 1). */
  pages?: number
  /** Tenant of the gateway that received it; null = the platform's. */
  tenantId?: number | null
}

export interface InboundOutcome {
  transmissionId: number
  spoolId: number
  /** The child transmission a faxtoemail or emailtofax program started, if it started one. */
  childTransmissionId?: number
}

type Account = typeof accounts.$inferSelect

/**
 * Inbound traffic (spec/ictcore.md §7.4 "Subscription"): the message is matched to the active
 * account with that phone or email and runs the program the account subscribed for the service.
 * The sender becomes a contact of the account's owner if unknown (`contact`/`contact_new`); the
 * message is stored (a text for SMS, a template for email, a document for fax: `message`/…); an
 * inbound transmission and its spool end `completed`. faxtoemail and emailtofax then start their
 * child program (inbound-forwarding.ts). Everything is written in one transaction.
 */
export async function receiveInbound(core: Core, m: InboundMessage): Promise<InboundOutcome> {
  const serviceFlag = SERVICE[m.service]
  const byPhone = m.service !== 'email'
  const address = (field: string, v: string) => byPhone ? phoneRule(field, textRule(field, v)) : emailRule(field, textRule(field, v))
  const to = address('to', m.to)
  const from = address('from', m.from)
  if (!to) throw new Invalid('to', 'is required', 'required')
  if (!from) throw new Invalid('from', 'is required', 'required')
  textRule('text', m.text, m.service === 'sms' ? 1600 : LONG_TEXT)
  textRule('subject', m.subject)
  const pages = m.pages ?? 1
  if (!Number.isInteger(pages) || pages < 1) throw new Invalid('pages', 'must be a positive integer')
  const files = m.attachments ?? []
  if (m.service === 'fax' && files.length !== 1) throw new Invalid('attachments', 'must hold the received fax document', 'required')

  const account = await matchAccount(core, m.service, to, from, m.tenantId ?? null)
  if (!account) throw new NotFound('Account', undefined, 'No account for this recipient')
  const program = await subscribedProgram(core, account.id, serviceFlag)
  if (!program) throw new NotFound('Program', undefined, 'No program subscribed for this service')
  const owner: Actor = { tenantId: account.tenantId, userId: account.userId, resellerId: null, isAdmin: false, crossTenant: false, permissions: new Set() }

  // Files are checked and written before the transaction; what is not placed is removed.
  const staged: StagedMedia[] = []
  try {
    const fax = m.service === 'fax' ? await stage(core, 'document', files[0]!, staged) : null
    const attachment = program.type === 'receiveemail' && files[0] ? await stage(core, 'template', files[0], staged) : null
    const forwarding: Forwarding = {
      faxCopy: program.type === 'faxtoemail' ? await stage(core, 'template', files[0]!, staged) : null,
      faxable: [],
    }
    if (program.type === 'emailtofax') {
      for (const f of files) if (isFaxable(f.mime)) forwarding.faxable.push(await stage(core, 'document', f, staged))
    }
    const now = core.now()
    const outcome = await core.db.transaction(async (tx) => {
      const contact = await findOrCreateContact(tx, owner, byPhone ? { phone: from } : { email: from })
      const body = m.text ?? ''
      let message: { name: string; id: number }
      if (m.service === 'sms') {
        const [row] = await tx.insert(texts).values({ tenantId: account.tenantId, userId: account.userId, name: `SMS from ${from}`, data: body, type: defaultTextType(body) }).returning({ id: texts.id })
        message = { name: 'text', id: row!.id }
      } else if (m.service === 'email') {
        const [row] = await tx.insert(templates).values({ tenantId: account.tenantId, userId: account.userId, name: `Email from ${from}`, subject: m.subject ?? '', body }).returning({ id: templates.id })
        if (attachment) await placeMedia(core, tx, 'template', row!.id, attachment, 'replace')
        message = { name: 'template', id: row!.id }
      } else {
        const [row] = await tx.insert(documents).values({ tenantId: account.tenantId, userId: account.userId, name: `Fax from ${from}` }).returning({ id: documents.id })
        await placeMedia(core, tx, 'document', row!.id, fax!, 'append')
        message = { name: 'document', id: row!.id }
      }
      const [t] = await tx.insert(transmissions).values({
        tenantId: account.tenantId, userId: account.userId, origin: program.type, contactId: contact.id, accountId: account.id, programId: program.id,
        serviceFlag, direction: 'inbound', status: 'completed', tryDone: 1, lastRun: now,
      }).returning({ id: transmissions.id })
      const [s] = await tx.insert(spools).values({
        tenantId: account.tenantId, transmissionId: t!.id, status: 'completed', timeSpool: now, timeStart: now, timeConnect: now, timeEnd: now,
        serviceFlag, accountId: account.id, lastEventAt: now,
      }).returning({ id: spools.id })
      const steps = program.steps.filter((step) => !step.startsWith('child:'))
      await tx.insert(spoolResults).values([
        ...(contact.created ? [{ spoolId: s!.id, type: 'contact' as const, name: 'contact_new', data: String(contact.id) }] : []),
        { spoolId: s!.id, type: 'message', name: message.name, data: String(message.id) },
        ...(m.service === 'fax' ? [{ spoolId: s!.id, type: 'info' as const, name: 'pages', data: String(pages) }] : []),
        ...steps.map((step) => ({ spoolId: s!.id, type: 'application' as const, name: step, data: 'success' })),
      ])
      const child = await forwardInbound(core, tx, { account, owner, program, from, to, subject: m.subject, pages, spoolId: s!.id, now }, forwarding)
      return { transmissionId: t!.id, spoolId: s!.id, ...(child === null ? {} : { childTransmissionId: child }) }
    })
    staged.length = 0
    return outcome
  } finally {
    await discardStaged(staged)
  }
}

/** A document type a fax can carry (spec/ictcore.md §9). */
function isFaxable(mime: string): boolean {
  return mediaExtension('document', mime) !== null
}

async function stage(core: Core, kind: 'document' | 'template', file: InboundFile, staged: StagedMedia[]): Promise<StagedMedia> {
  try {
    const s = await stageMedia(core, kind, file)
    staged.push(s)
    return s
  } catch (e) {
    // stageMedia names the ICTCore upload field; here the files came as attachments.
    if (e instanceof Invalid) throw new Invalid('attachments', e.reason, e.code)
    throw e
  }
}

/**
 * Whether an inbound SMTP listener takes mail for `to` from `from` (spec/gateways.md §4), and in
 * which tenant: the email of an active account (any tenant; the lowest id when two share it)
 * subscribed to a program for email (receiveemail, emailtofax); or, for email to fax, a fax number
 * `<digits>@…` when the sender is such an account subscribed to emailtofax. Asked at RCPT TO, before
 * any message: receiveInbound decides again when the message is stored. Null: no such mailbox.
 */
export async function inboundEmailRecipient(core: Core, to: string, from: string): Promise<{ tenantId: number | null } | null> {
  const subscribed = and(eq(accountPrograms.accountId, accounts.id), eq(accountPrograms.serviceFlag, SERVICE.email))
  const [direct] = await core.db.select({ tenantId: accounts.tenantId }).from(accounts).innerJoin(accountPrograms, subscribed)
    .where(and(eq(accounts.active, true), sql`lower(${accounts.email}) = lower(${to})`)).orderBy(asc(accounts.id)).limit(1)
  if (direct) return direct
  if (from === '' || !faxNumberOf(to)) return null
  const [sender] = await core.db.select({ tenantId: accounts.tenantId }).from(accounts).innerJoin(accountPrograms, subscribed)
    .innerJoin(programs, and(eq(programs.id, accountPrograms.programId), eq(programs.type, 'emailtofax')))
    .where(and(eq(accounts.active, true), sql`lower(${accounts.email}) = lower(${from})`)).orderBy(asc(accounts.id)).limit(1)
  return sender ?? null
}

/**
 * The account inbound traffic is for: the active account of the gateway's tenant with the
 * recipient's phone (sms, fax) or email. An email whose recipient is no account's address but
 * whose local part is a phone number is email to fax: it belongs to the account whose email is the
 * sender's and that subscribed an emailtofax program (docs/decisions/ictcore.md "Inbound").
 */
async function matchAccount(core: Core, service: InboundMessage['service'], to: string, from: string, tenantId: number | null): Promise<Account | null> {
  const tenant = tenantId === null ? sql`${accounts.tenantId} is null` : eq(accounts.tenantId, tenantId)
  const [direct] = await core.db.select().from(accounts)
    .where(and(tenant, eq(accounts.active, true), service === 'email' ? sql`lower(${accounts.email}) = lower(${to})` : eq(accounts.phone, to)))
    .orderBy(asc(accounts.id)).limit(1)
  if (direct || service !== 'email' || !faxNumberOf(to)) return direct ?? null
  const [sender] = await core.db.select({ account: accounts }).from(accounts)
    .innerJoin(accountPrograms, and(eq(accountPrograms.accountId, accounts.id), eq(accountPrograms.serviceFlag, SERVICE.email)))
    .innerJoin(programs, and(eq(programs.id, accountPrograms.programId), eq(programs.type, 'emailtofax')))
    .where(and(tenant, eq(accounts.active, true), sql`lower(${accounts.email}) = lower(${from})`))
    .orderBy(asc(accounts.id)).limit(1)
  return sender?.account ?? null
}
