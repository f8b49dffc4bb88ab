import { simpleParser } from 'mailparser'
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server'
import type { GatewayLog, InboundReport } from '../gateway.ts'

/**
 * Switchboard's own SMTP listener (spec/gateways.md §4 "Inbound email"): a recipient that is the
 * email of an account subscribed to receive email (receiveemail, emailtofax) → 250, anyone else → 550
 * `5.1.1 no such mailbox`; over 20 MiB → 552; more than 100 recipients → 452. Accepted mail is
 * handed over as an inbound email per recipient (its plain text, subject and attachments).
 */

/** Whose the recipient is: the tenant of the account it reaches (null: the platform's), or undefined when no subscribed account has that address. */
export type RecipientLookup = (to: string, from: string) => Promise<{ tenantId: number | null } | undefined>

export interface InboundSmtpOptions {
  host: string
  port: number
  /** PEM certificate and key: STARTTLS is offered when both are given. */
  tls?: { cert: Buffer; key: Buffer }
  lookup: RecipientLookup
  inbound: InboundReport
  log: GatewayLog
  /** Largest message (default 20 MiB). */
  maxBytes?: number
  /** Most recipients of one message (default 100). */
  maxRecipients?: number
}

const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code })

/** What RCPT TO found for each accepted recipient of a session. */
const tenantsOf = new WeakMap<SMTPServerSession, Map<string, number | null>>()

export class InboundSmtpListener {
  private server: SMTPServer | null = null
  /** The port listened on (the given one, or the one the system chose for 0). */
  port = 0

  constructor(private readonly options: InboundSmtpOptions) {}

  async start(): Promise<void> {
    const o = this.options
    const maxBytes = o.maxBytes ?? 20 * 1024 * 1024
    const maxRecipients = o.maxRecipients ?? 100
    const server = new SMTPServer({
      name: 'switchboard',
      banner: 'Switchboard inbound mail',
      logger: false,
      disableReverseLookup: true,
      authOptional: true,
      disabledCommands: o.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(o.tls ? { cert: o.tls.cert, key: o.tls.key } : {}),
      size: maxBytes,
      onRcptTo: (address: SMTPServerAddress, session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        if (session.envelope.rcptTo.length >= maxRecipients) return callback(smtpError(452, '4.5.3 Too many recipients'))
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : ''
        o.lookup(address.address, from).then((found) => {
          if (!found) return callback(smtpError(550, '5.1.1 no such mailbox'))
          let tenants = tenantsOf.get(session)
          if (!tenants) tenantsOf.set(session, tenants = new Map())
          tenants.set(address.address, found.tenantId)
          callback()
        }, () => callback(smtpError(451, '4.3.0 temporary failure, try again later')))
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void) => {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          if (stream.sizeExceeded) return callback(smtpError(552, `5.3.4 Message exceeds the ${maxBytes} byte limit`))
          this.deliver(Buffer.concat(chunks), session).then((answer) => callback(answer), () => callback(smtpError(451, '4.3.0 temporary failure, try again later')))
        })
      },
    })
    server.on('error', (e: Error) => o.log.warn({ err: { name: e.name, message: e.message } }, 'inbound smtp: connection error'))
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject)
      server.listen(o.port, o.host, () => {
        server.server.off('error', reject)
        resolve()
      })
    })
    this.port = (server.server.address() as { port: number }).port
    this.server = server
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Hands the message over once per recipient: null (250) when any was stored, else the refusal. */
  private async deliver(raw: Buffer, session: SMTPServerSession): Promise<Error | null> {
    const mail = await simpleParser(raw)
    const from = mail.from?.value[0]?.address ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : '')
    const tenants = tenantsOf.get(session) ?? new Map<string, number | null>()
    let stored = 0
    let refusal = ''
    for (const rcpt of session.envelope.rcptTo) {
      const answer = await this.options.inbound({
        kind: 'inbound',
        message: {
          service: 'email', from, to: rcpt.address, subject: mail.subject ?? '', text: mail.text ?? '',
          attachments: mail.attachments.map((a) => ({ bytes: a.content, mime: a.contentType })), tenantId: tenants.get(rcpt.address) ?? null,
        },
      })
      if (answer.accepted) stored++
      else refusal = answer.reason
    }
    if (stored > 0) return null
    this.options.log.warn({ reason: refusal }, 'inbound smtp: message refused')
    return smtpError(550, `5.7.1 ${refusal}`.slice(0, 200))
  }
}
