/** A failure the CLI reports as one line (exit code 1). */
export class CliError extends Error {}

/**
 * What a command prints. With `--json` exactly one JSON object goes to stdout (the result or
 * `{"error":…}`); otherwise a human line. Diagnostics always go to stderr.
 */
export class Output {
  constructor(readonly json: boolean) {}

  result(value: Record<string, unknown>, human: string): void {
    process.stdout.write(this.json ? `${JSON.stringify(value)}\n` : `${human}\n`)
  }

  error(message: string): void {
    const line = message.split('\n')[0]!
    if (this.json) process.stdout.write(`${JSON.stringify({ error: line })}\n`)
    else process.stderr.write(`switchboard: ${line}\n`)
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
