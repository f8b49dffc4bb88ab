import type { Output } from './output.ts'

/** One CLI command (one file under commands/). Returns the exit code (default 0). */
export interface Command {
  /** The synopsis shown in `switchboard --help`. */
  usage: string
  run(args: string[], out: Output): Promise<number | void>
}
