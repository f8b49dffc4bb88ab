import { sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { mediaFilesOf } from '../messages/media.ts'
import { BUILTIN_SANDBOX_PROVIDER_ID } from '../notifications/notifications.ts'
import type { MessageKind } from '../messages/messages.ts'
import type { ProgramParams, ProgramType } from '../programs/programs.table.ts'
import { providerForAttempt, type RoutedProvider } from '../providers/providers.ts'
import type { ProviderType } from '../providers/providers.table.ts'
import { queryRows } from '../../db/rows.ts'
import { emailTokens } from './email-tokens.ts'
import { DEFAULT_MAIL_TRANSPORT_ID } from './mail-transport.ts'

/** The provider an attempt is routed through, as its gateway sees it (the secret decrypted for the peer). */
export interface AttemptProvider {
  id: number
  type: ProviderType
  host: string | null
  port: number | null
  username: string | null
  password: string | null
  prefix: string | null
  dialstring: string | null
  /** The provider's tenant (null: the platform's). */
  tenantId: number | null
  settings: string | null
}

/**
 * One attempt as a gateway performs it. The dispatcher hands it over as the gateway port's
 * `OutboundAttempt`, which has the same shape (the compiler checks it there).
 */
export interface DeliveryAttempt {
  spoolId: number
  transmissionId: number
  tenantId: number | null
  serviceFlag: number
  /** 1-based attempt number of the transmission (try_done after this attempt started). */
  attempt: number
  /** Where to: a phone number (voice, fax, sms) or an email address. */
  destination: string
  /** Caller id / sender: the account's phone or email, when known. */
  origin: string | null
  /** The program's compiled steps without its child programs, e.g. ['originate', 'fax_send', 'disconnect']. */
  steps: readonly string[]
  /** A reference for logs plus what the peer needs. */
  content: {
    ref: string
    text?: string
    subject?: string
    body?: string
    bodyAlt?: string | null
    /** Absolute paths of media files (fax documents, recordings, attachments). */
    files?: { path: string; mime: string }[]
    /** A two-leg call (`callback` program): the second leg's number, bridged to the first. */
    bridgeTo?: string
    /**
     * An email's token values (`contact:first_name`, `account:email`, …: spec/gateways.md §4),
     * which the gateway renders the template's subject and bodies with.
     */
    tokens?: Readonly<Record<string, string>>
  }
  provider: AttemptProvider
}

interface AttemptRow {
  spool_id: number
  transmission_id: number
  tenant_id: number | null
  service_flag: number
  provider_id: number | null
  try_done: number
  program_type: ProgramType | null
  params: ProgramParams | null
  steps: string[] | null
  contact_phone: string | null
  contact_email: string | null
  account_phone: string | null
  account_email: string | null
  notification: { to: string; subject: string; text: string } | null
}

const EMAIL = 8

/** What a claimed spool turns into: an attempt for a gateway, or a reason it cannot be made. */
export type PreparedAttempt = { spoolId: number; attempt: DeliveryAttempt } | { spoolId: number; failure: string }

type Content = DeliveryAttempt['content']

/**
 * Builds the gateways' view of claimed spools in one query: destination, origin, steps, content
 * (texts and templates read, media files located; an email's token values, in one more query for
 * the batch's emails) and the provider with its secret. Content and providers are looked up once
 * per batch, since a campaign's spools share them.
 */
export async function outboundAttempts(core: Core, spoolIds: readonly number[]): Promise<PreparedAttempt[]> {
  if (spoolIds.length === 0) return []
  const rows = await queryRows<AttemptRow>(core.db, sql`select s.id as spool_id, s.transmission_id, s.tenant_id, s.service_flag, s.provider_id,
      t.try_done, p.type as program_type, p.params, p.steps, c.phone as contact_phone, c.email as contact_email,
      a.phone as account_phone, a.email as account_email, t.notification
    from spools s join transmissions t on t.id = s.transmission_id left join programs p on p.id = t.program_id
    left join contacts c on c.id = t.contact_id left join accounts a on a.id = t.account_id
    where s.id = any(${sql.param([...spoolIds])}::int[]) order by s.id`)
  const providers = new Map<number, RoutedProvider | null>()
  const contents = new Map<string, Content | null>()
  const out: PreparedAttempt[] = []
  for (const r of rows) {
    if (r.notification) { out.push(await notificationAttempt(core, r, r.notification, providers)); continue }
    if (r.provider_id === null) { out.push({ spoolId: r.spool_id, failure: 'no provider' }); continue }
    let provider: AttemptProvider
    if (r.provider_id === DEFAULT_MAIL_TRANSPORT_ID) {
      // Email without an email provider (spec/gateways.md §4): the server's SMTP_URL, if it has one.
      if (!core.mailTransport) { out.push({ spoolId: r.spool_id, failure: 'no mail transport' }); continue }
      provider = core.mailTransport
    } else {
      if (!providers.has(r.provider_id)) providers.set(r.provider_id, await providerForAttempt(core, r.provider_id))
      const routed = providers.get(r.provider_id)
      if (!routed || !routed.active) { out.push({ spoolId: r.spool_id, failure: 'provider unavailable' }); continue }
      provider = attemptProvider(routed)
    }
    const destination = (r.service_flag & EMAIL) !== 0 ? r.contact_email : r.contact_phone
    if (!destination) { out.push({ spoolId: r.spool_id, failure: 'contact has no address' }); continue }
    const key = `${r.program_type}:${JSON.stringify(r.params)}`
    if (!contents.has(key)) contents.set(key, await contentOf(core, r.program_type, r.params ?? {}))
    const content = contents.get(key)
    if (!content) { out.push({ spoolId: r.spool_id, failure: 'message not found' }); continue }
    if (r.program_type === 'callback') { out.push(callbackAttempt(r, content, provider)); continue }
    out.push({
      spoolId: r.spool_id,
      attempt: {
        spoolId: r.spool_id, transmissionId: r.transmission_id, tenantId: r.tenant_id, serviceFlag: r.service_flag, attempt: r.try_done,
        destination, origin: (r.service_flag & EMAIL) !== 0 ? r.account_email : r.account_phone,
        steps: (r.steps ?? []).filter((s) => !s.startsWith('child:')), content, provider,
      },
    })
  }
  return withEmailTokens(core, out)
}

/** Email attempts get their contact's and account's token values (the content object is shared: copied). */
async function withEmailTokens(core: Core, prepared: PreparedAttempt[]): Promise<PreparedAttempt[]> {
  const emails = prepared.flatMap((p) => ('attempt' in p && (p.attempt.serviceFlag & EMAIL) !== 0 ? [p.attempt.transmissionId] : []))
  if (emails.length === 0) return prepared
  const tokens = await emailTokens(core, emails)
  return prepared.map((p) => {
    const t = 'attempt' in p ? tokens.get(p.attempt.transmissionId) : undefined
    return t && 'attempt' in p ? { spoolId: p.spoolId, attempt: { ...p.attempt, content: { ...p.attempt.content, tokens: t } } } : p
  })
}

/**
 * A two-leg call (`callback` program, spec/packetera.md §9): the account's phone is called first,
 * showing the contact's number, then the contact (`bridgeTo`), and the two are bridged.
 */
function callbackAttempt(r: AttemptRow, content: Content, provider: AttemptProvider): PreparedAttempt {
  if (!r.account_phone) return { spoolId: r.spool_id, failure: 'account has no phone' }
  return {
    spoolId: r.spool_id,
    attempt: {
      spoolId: r.spool_id, transmissionId: r.transmission_id, tenantId: r.tenant_id, serviceFlag: r.service_flag, attempt: r.try_done,
      destination: r.account_phone, origin: r.contact_phone, steps: r.steps ?? [], content: { ...content, bridgeTo: r.contact_phone! }, provider,
    },
  }
}

/** The built-in sandbox (core/notifications): records a notification no provider would carry. */
const BUILTIN_SANDBOX: AttemptProvider = {
  id: BUILTIN_SANDBOX_PROVIDER_ID, type: 'sandbox', host: null, port: null, username: null, password: null, prefix: null, dialstring: null, tenantId: null, settings: null,
}

/** A system notification's attempt: its own recipient, subject and text, through its routed provider. */
async function notificationAttempt(core: Core, r: AttemptRow, n: NonNullable<AttemptRow['notification']>, providers: Map<number, RoutedProvider | null>): Promise<PreparedAttempt> {
  let provider = BUILTIN_SANDBOX
  // Routed to SMTP_URL: through it, or the built-in sandbox if it was unset since (recorded, never lost).
  if (r.provider_id === DEFAULT_MAIL_TRANSPORT_ID) provider = core.mailTransport ?? BUILTIN_SANDBOX
  else if (r.provider_id !== null && r.provider_id !== BUILTIN_SANDBOX_PROVIDER_ID) {
    if (!providers.has(r.provider_id)) providers.set(r.provider_id, await providerForAttempt(core, r.provider_id))
    const routed = providers.get(r.provider_id)
    if (!routed || !routed.active) return { spoolId: r.spool_id, failure: 'provider unavailable' }
    provider = attemptProvider(routed)
  }
  return {
    spoolId: r.spool_id,
    attempt: {
      spoolId: r.spool_id, transmissionId: r.transmission_id, tenantId: r.tenant_id, serviceFlag: r.service_flag, attempt: r.try_done,
      destination: n.to, origin: null, steps: [], content: { ref: `notification:${r.transmission_id}`, subject: n.subject, body: n.text }, provider,
    },
  }
}

/** The gateways' view of a provider (its secret decrypted for the peer). */
export function attemptProvider(p: RoutedProvider): AttemptProvider {
  return { id: p.id, type: p.type, host: p.host, port: p.port, username: p.username, password: p.password, prefix: p.prefix, dialstring: p.dialstring, tenantId: p.tenantId, settings: p.settings }
}

async function files(core: Core, kind: MessageKind, id: number): Promise<{ path: string; mime: string }[]> {
  return (await mediaFilesOf(core, kind, id)).map((f) => ({ path: f.path, mime: f.mime }))
}

/** The content a program sends, or null when its message is gone. */
async function contentOf(core: Core, type: ProgramType | null, params: ProgramParams): Promise<Content | null> {
  switch (type) {
    case 'sendfax': return params.documentId ? { ref: `document:${params.documentId}`, files: await files(core, 'document', params.documentId) } : null
    case 'voicemessage': return params.recordingId ? { ref: `recording:${params.recordingId}`, files: await files(core, 'recording', params.recordingId) } : null
    case 'sendsms':
    case 'voicetts': {
      if (type === 'voicetts' && params.text) return { ref: 'tts', text: params.text }
      if (!params.textId) return null
      const [t] = await queryRows<{ data: string }>(core.db, sql`select data from texts where id = ${params.textId}`)
      return t ? { ref: `text:${params.textId}`, text: t.data } : null
    }
    case 'sendemail': {
      if (!params.templateId) return null
      const [t] = await queryRows<{ subject: string; body: string; body_alt: string | null }>(core.db, sql`select subject, body, body_alt from templates where id = ${params.templateId}`)
      return t ? { ref: `template:${params.templateId}`, subject: t.subject, body: t.body, bodyAlt: t.body_alt, files: await files(core, 'template', params.templateId) } : null
    }
    case 'callback': return { ref: 'callback', text: params.text ?? CALLBACK_ANNOUNCEMENT }
    default: return null
  }
}

/** What the first leg of a callback hears unless its program says otherwise (spec/packetera.md §9). */
export const CALLBACK_ANNOUNCEMENT = 'Callback request from your website'
