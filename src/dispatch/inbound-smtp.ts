import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import type { Core } from '../core/core.ts'
import { queryRows } from '../db/rows.ts'
import { InboundSmtpListener, type RecipientLookup } from '../gateways/inbound-smtp/inbound-smtp.ts'
import { inboundReceiver } from './event-translation.ts'

/** ICTCore's email service flag (account_programs.service_flag). */
const EMAIL = 8

/**
 * The recipients inbound SMTP accepts (spec/gateways.md §4): the email of an active account (any
 * tenant; the lowest id when two share it) subscribed to a program for email (receiveemail,
 * emailtofax); or, for email to fax, a fax number `<digits>@…` when the sender is such an account
 * subscribed to emailtofax (spec/ictcore.md §7.4). Core decides again when the message is stored.
 */
export function recipientLookup(core: Core): RecipientLookup {
  return async (to, from) => {
    const [direct] = await queryRows<{ tenant_id: number | null }>(core.db, sql`select a.tenant_id from accounts a
      join account_programs ap on ap.account_id = a.id and ap.service_flag = ${EMAIL}
      where a.active and lower(a.email) = lower(${to}) order by a.id limit 1`)
    if (direct) return { tenantId: direct.tenant_id }
    if (!/^\+?[0-9]{3,20}@/.test(to) || from === '') return undefined
    const [sender] = await queryRows<{ tenant_id: number | null }>(core.db, sql`select a.tenant_id from accounts a
      join account_programs ap on ap.account_id = a.id and ap.service_flag = ${EMAIL} join programs p on p.id = ap.program_id and p.type = 'emailtofax'
      where a.active and lower(a.email) = lower(${from}) order by a.id limit 1`)
    return sender ? { tenantId: sender.tenant_id } : undefined
  }
}

export interface InboundSmtpConfig {
  /** SMTP_LISTEN: `2525` or `host:port`. */
  listen: string
  /** SMTP_TLS_CERT / SMTP_TLS_KEY: PEM files; STARTTLS is offered when both are set. */
  tlsCert?: string
  tlsKey?: string
}

/** Starts Switchboard's inbound SMTP listener (SMTP_LISTEN); resolves once it listens. */
export async function startInboundSmtp(core: Core, config: InboundSmtpConfig): Promise<InboundSmtpListener> {
  const colon = config.listen.lastIndexOf(':')
  const host = colon < 0 ? '0.0.0.0' : config.listen.slice(0, colon).replace(/^\[|\]$/g, '')
  const port = Number(colon < 0 ? config.listen : config.listen.slice(colon + 1))
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`SMTP_LISTEN ${config.listen}: not a port or host:port`)
  const tls = config.tlsCert && config.tlsKey ? { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) } : undefined
  const listener = new InboundSmtpListener({ host, port, ...(tls ? { tls } : {}), lookup: recipientLookup(core), inbound: inboundReceiver(core), log: core.log })
  await listener.start()
  core.log.info({ host, port: listener.port, starttls: tls !== undefined }, 'inbound smtp listening')
  return listener
}
