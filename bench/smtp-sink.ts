import { SMTPServer } from 'smtp-server'

// The email bench's peer, in its own process: an SMTP server that accepts every message and drops
// it (no STARTTLS, no parsing), printing its port on stdout and, on SIGTERM, how many it took.

let messages = 0
const server = new SMTPServer({
  authOptional: true, logger: false, disableReverseLookup: true, disabledCommands: ['STARTTLS', 'AUTH'], maxClients: 1000,
  onData(stream, _session, callback) {
    stream.on('data', () => {})
    stream.on('end', () => {
      messages++
      callback()
    })
  },
})
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.server.address() as { port: number }).port}\n`))
process.on('SIGTERM', () => {
  process.stdout.write(`messages ${messages}\n`)
  server.close(() => process.exit(0))
})
