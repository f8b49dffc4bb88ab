import type { Output } from './output.ts'

/** One option of a command: how util.parseArgs reads it and how `--help` shows it. */
export interface CommandOption {
  type: 'string' | 'boolean'
  /** The value's placeholder in the synopsis (`N`, `NAME`); string options only. */
  value?: string
  description: string
  /** Missing → `--name is required` before the command runs. */
  required?: boolean
  /** May be given several times (`--set a=1 --set b=2`); its value is then a list. */
  multiple?: boolean
}

/** A positional argument of a command (`reseller settings <id>`). */
export interface CommandArgument {
  name: string
  description: string
}

export type CommandOptions = Record<string, CommandOption>

/** The parsed option values of a command, typed from its options. */
export type OptionValues<O extends CommandOptions> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : O[K]['multiple'] extends true ? string[] : string
}

/**
 * One CLI command (one file under commands/). Its options are declared once: run-switchboard.ts parses them
 * (strictly, required ones checked) and `--help` prints them from the same declaration.
 */
export interface Command<O extends CommandOptions = CommandOptions> {
  /** The words that name it: `serve`, `reseller create`. */
  name: string
  /** One line for `switchboard --help`. */
  summary: string
  /** More about it for `switchboard <command> --help`: what it does, where it works. */
  details?: string
  options: O
  /** Positional arguments, all required, in order (none by default). */
  arguments?: readonly CommandArgument[]
  /** Command lines shown under Examples. */
  examples: string[]
  run(values: OptionValues<O>, out: Output, args: string[]): Promise<number | void>
}

/** Declares a command (a typed identity: options and run's values agree). */
export function defineCommand<O extends CommandOptions>(command: Command<O>): Command<O> {
  return command
}

/** The `--json` option every command that prints a result takes. */
export const JSON_OPTION = { json: { type: 'boolean', description: 'print one JSON object on stdout (the result or {"error": …})' } } as const satisfies CommandOptions
