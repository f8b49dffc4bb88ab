import pino, { type Logger } from 'pino'
import pretty from 'pino-pretty'

/** How log lines are written: JSON (one object per line, for collectors) or human-readable lines. */
export type LogFormat = 'json' | 'pretty' | 'auto'

/**
 * The process logger. Requests are logged by route pattern, never by raw URL (Porta's License is a
 * path segment, RC/Packetera keys travel in query strings); known secret fields are redacted anyway.
 * `auto` (LOG_FORMAT unset) writes human lines on a terminal and JSON when stdout is piped or a
 * destination is given.
 */
export function createLogger(level: string, destination?: pino.DestinationStream, format: LogFormat = 'auto'): Logger {
  const options = {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.authentication', 'req.headers.auth', 'password', 'passwd', 'apiKey', '*.password', '*.passwd', '*.apiKey'],
      censor: '[redacted]',
    },
  }
  const human = format === 'pretty' || (format === 'auto' && !destination && process.stdout.isTTY === true)
  if (!human) return pino(options, destination)
  return pino(options, pretty({
    destination: destination ?? 1, sync: true, colorize: !destination && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname',
  }))
}
