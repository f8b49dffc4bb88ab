import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server'

/**
 * A real SMTP server for the email tests (the `smtp-server` package): offers STARTTLS (its own
 * self-signed certificate), and answers each recipient by its local part: `grey…` is greylisted
 * (451 at its first try, accepted after), `reject…` refused (550), anyone else accepted. What it
 * accepted is parsed with `mailparser`.
 */
export interface ReceivedMail { mail: ParsedMail; secure: boolean; recipients: string[] }

export class SmtpPeer {
  readonly received: ReceivedMail[] = []
  /** Every RCPT TO answer, in order: the address and the code given. */
  readonly rcpts: { address: string; code: number }[] = []
  private readonly greylisted = new Set<string>()

  private constructor(private readonly server: SMTPServer, readonly port: number) {}

  static async start(opts: { parse?: boolean } = {}): Promise<SmtpPeer> {
    let peer: SmtpPeer | null = null
    const server = new SMTPServer({
      authOptional: true,
      logger: false,
      disableReverseLookup: true,
      onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
        const local = address.address.split('@')[0]!.toLowerCase()
        const refuse = (code: number, text: string) => {
          peer!.rcpts.push({ address: address.address, code })
          callback(Object.assign(new Error(text), { responseCode: code }))
        }
        if (local.startsWith('reject')) return refuse(550, '5.1.1 Mailbox unavailable')
        if (local.startsWith('grey') && !peer!.greylisted.has(address.address)) {
          peer!.greylisted.add(address.address)
          return refuse(451, '4.7.1 Greylisted, try again later')
        }
        peer!.rcpts.push({ address: address.address, code: 250 })
        callback()
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks)
          const recipients = session.envelope.rcptTo.map((r) => r.address)
          if (opts.parse === false) {
            peer!.received.push({ mail: null as unknown as ParsedMail, secure: session.secure, recipients })
            return callback()
          }
          simpleParser(raw).then((mail) => {
            peer!.received.push({ mail, secure: session.secure, recipients })
            callback()
          }, callback)
        })
      },
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.server.address() as { port: number }).port
    peer = new SmtpPeer(server, port)
    return peer
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
