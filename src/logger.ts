import pino, { type Logger } from 'pino'

/**
 * The process logger. Requests are logged by route pattern, never by raw URL (Porta's License is a
 * path segment, RC/Packetera keys travel in query strings); known secret fields are redacted anyway.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.authentication', 'req.headers.auth', 'password', 'passwd', 'apiKey', '*.password', '*.passwd', '*.apiKey'],
      censor: '[redacted]',
    },
  }, destination)
}
