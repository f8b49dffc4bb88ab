import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'
type Bindings = Record<string, unknown>
type ChildOptions = { level?: string } & Record<string, unknown>

interface ParentLogger extends FastifyBaseLogger {
  isLevelEnabled?(level: string): boolean
}

/**
 * The logger of one request (`req.log`), bound to its request id like Fastify's default, but the
 * pino child behind it is made on the first call that would write something. Making it costs
 * about a microsecond per request, and most requests log nothing at the usual levels.
 */
class RequestLogger {
  private made: FastifyBaseLogger | undefined

  constructor(private readonly parent: ParentLogger, private readonly bindings: Bindings, private readonly options: ChildOptions) {}

  private get log(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options))
  }

  get level(): string {
    return this.made ? this.made.level : this.parent.level
  }

  set level(level: string) {
    this.log.level = level
  }

  isLevelEnabled(level: string): boolean {
    const log = (this.made ?? this.parent) as ParentLogger
    return log.isLevelEnabled ? log.isLevelEnabled(level) : true
  }

  private write(level: Level, args: unknown[]): void {
    if (!this.made && !this.isLevelEnabled(level)) return
    ;(this.log[level] as (...a: unknown[]) => void)(...args)
  }

  fatal(...args: unknown[]): void { this.write('fatal', args) }
  error(...args: unknown[]): void { this.write('error', args) }
  warn(...args: unknown[]): void { this.write('warn', args) }
  info(...args: unknown[]): void { this.write('info', args) }
  debug(...args: unknown[]): void { this.write('debug', args) }
  trace(...args: unknown[]): void { this.write('trace', args) }
  silent(): void {}

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.log.child(bindings, options)
  }
}

/**
 * Fastify's `childLoggerFactory`: a `RequestLogger`, or the plain pino child when the route sets its
 * own level (the parent's level would not tell what that child writes) or the logger is not pino.
 */
export const requestLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = function (logger, bindings, options) {
  const parent = logger as ParentLogger
  if (options.level || !parent.isLevelEnabled) return logger.child(bindings, options)
  return new RequestLogger(parent, bindings, options as ChildOptions) as unknown as FastifyBaseLogger
}
