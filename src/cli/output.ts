import type { ProgressSink } from './progress.ts'

/** A failure the CLI reports as one line (exit code 1). */
export class CliError extends Error {}

/** The signals that stop `serve` and `worker` (SIGINT, SIGTERM), as `process` emits them. */
export interface StopSignals {
  on(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown
  once(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown
}

/**
 * What one run of the CLI writes to and reads: the process's own streams, environment and signals
 * (bin/switchboard.js), or a caller's (the tests run commands in their own process).
 */
export interface CliIo {
  stdout: ProgressSink
  stderr: ProgressSink
  env: NodeJS.ProcessEnv
  signals: StopSignals
}

/** The real process's streams, environment and signals. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, signals: process }
}

/**
 * What a command prints. With `--json` exactly one JSON object goes to stdout (the result or
 * `{"error":…}`); otherwise a human line. Diagnostics always go to stderr. `io` is where the run
 * writes and the environment it reads.
 */
export class Output {
  constructor(readonly json: boolean, readonly io: CliIo) {}

  result(value: Record<string, unknown>, human: string): void {
    this.io.stdout.write(this.json ? `${JSON.stringify(value)}\n` : `${human}\n`)
  }

  error(message: string): void {
    const line = message.split('\n')[0]!
    if (this.json) this.io.stdout.write(`${JSON.stringify({ error: line })}\n`)
    else this.io.stderr.write(`switchboard: ${line}\n`)
  }
}

/** Parses a positive integer option, or throws a CliError naming it. */
export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^[0-9]{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2_147_483_647) throw new CliError(`--${name} must be a positive integer`)
  return Number(value)
}

/** Throws a CliError when a required option is missing. */
export function required(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new CliError(`--${name} is required`)
  return value
}
