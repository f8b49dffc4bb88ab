import { readFileSync } from 'node:fs'
import type { Core } from '../core/core.ts'
import { inboundEmailRecipient } from '../core/transmissions/index.ts'
import { InboundSmtpListener, type RecipientLookup } from '../gateways/inbound-smtp/inbound-smtp.ts'
import { inboundReceiver } from './event-translation.ts'

/** The recipients inbound SMTP accepts (spec/gateways.md §4): core's inboundEmailRecipient. */
export function recipientLookup(core: Core): RecipientLookup {
  return async (to, from) => (await inboundEmailRecipient(core, to, from)) ?? undefined
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
