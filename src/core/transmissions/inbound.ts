import { and, asc, eq, sql } from 'drizzle-orm'
import { accounts } from '../accounts/accounts.table.ts'
import type { Actor } from '../actor.ts'
import { findOrCreateContact } from '../contacts/contacts.ts'
import type { Core } from '../core.ts'
import { Invalid, NotFound } from '../errors.ts'
import { defaultTextType } from '../messages/messages.ts'
import { templates, texts } from '../messages/messages.table.ts'
import { SERVICE } from '../programs/program-types.ts'
import { subscribedProgram } from '../programs/programs.ts'
import { emailRule, phoneRule, textRule, LONG_TEXT } from '../users/field-rules.ts'
import { spoolResults, spools, transmissions } from './transmissions.table.ts'

/** An inbound SMS or email as a gateway's inbound entry point hands it over. */
export interface InboundMessage {
  service: 'sms' | 'email'
  /** Sender: a phone number (sms) or an email address. */
  from: string
  /** Recipient: the account's phone (sms) or email. */
  to: string
  /** The SMS text, or the email's plain body. */
  text?: string
  subject?: string
  /** Tenant of the gateway that received it; null = the platform's. */
  tenantId?: number | null
}

/**
 * Inbound traffic (spec/ictcore.md §7.4 "Subscription"): the message is matched to the active
 * account with that phone or email and runs the program the account subscribed for the service.
 * The sender becomes a contact of the account's owner if unknown (`contact`/`contact_new`); the
 * message is stored (a text, or a template for email: `message`/`text|template`); an inbound
 * transmission and its spool end `completed`. Returns their ids.
 */
export async function receiveInbound(core: Core, m: InboundMessage): Promise<{ transmissionId: number; spoolId: number }> {
  const sms = m.service === 'sms'
  const serviceFlag = sms ? SERVICE.sms : SERVICE.email
  const to = sms ? phoneRule('to', textRule('to', m.to)) : emailRule('to', textRule('to', m.to))
  const from = sms ? phoneRule('from', textRule('from', m.from)) : emailRule('from', textRule('from', m.from))
  if (!to) throw new Invalid('to', 'is required', 'required')
  if (!from) throw new Invalid('from', 'is required', 'required')
  textRule('text', m.text, sms ? 1600 : LONG_TEXT)
  textRule('subject', m.subject)
  const tenant = m.tenantId === undefined || m.tenantId === null ? sql`${accounts.tenantId} is null` : eq(accounts.tenantId, m.tenantId)
  const [account] = await core.db.select().from(accounts)
    .where(and(tenant, eq(accounts.active, true), sms ? eq(accounts.phone, to) : sql`lower(${accounts.email}) = lower(${to})`))
    .orderBy(asc(accounts.id)).limit(1)
  if (!account) throw new NotFound('Account', undefined, 'No account for this recipient')
  const program = await subscribedProgram(core, account.id, serviceFlag)
  if (!program) throw new NotFound('Program', undefined, 'No program subscribed for this service')
  const owner: Actor = { tenantId: account.tenantId, userId: account.userId, resellerId: null, isAdmin: false, crossTenant: false, permissions: new Set() }
  const now = core.now()
  return core.db.transaction(async (tx) => {
    const contact = await findOrCreateContact(tx, owner, sms ? { phone: from } : { email: from })
    const body = m.text ?? ''
    const [message] = sms
      ? await tx.insert(texts).values({ tenantId: account.tenantId, userId: account.userId, name: `SMS from ${from}`, data: body, type: defaultTextType(body) }).returning({ id: texts.id })
      : await tx.insert(templates).values({ tenantId: account.tenantId, userId: account.userId, name: `Email from ${from}`, subject: m.subject ?? '', body }).returning({ id: templates.id })
    const [t] = await tx.insert(transmissions).values({
      tenantId: account.tenantId, userId: account.userId, origin: program.type, contactId: contact.id, accountId: account.id, programId: program.id,
      serviceFlag, direction: 'inbound', status: 'completed', tryDone: 1, lastRun: now,
    }).returning({ id: transmissions.id })
    const [s] = await tx.insert(spools).values({
      tenantId: account.tenantId, transmissionId: t!.id, status: 'completed', timeSpool: now, timeStart: now, timeConnect: now, timeEnd: now,
      serviceFlag, accountId: account.id, lastEventAt: now,
    }).returning({ id: spools.id })
    const step = sms ? 'sms_receive' : 'email_receive'
    await tx.insert(spoolResults).values([
      ...(contact.created ? [{ spoolId: s!.id, type: 'contact' as const, name: 'contact_new', data: String(contact.id) }] : []),
      { spoolId: s!.id, type: 'message', name: sms ? 'text' : 'template', data: String(message!.id) },
      { spoolId: s!.id, type: 'application', name: step, data: 'success' },
    ])
    return { transmissionId: t!.id, spoolId: s!.id }
  })
}
