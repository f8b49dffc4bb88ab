import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DataDirLocked } from '../db/lock.ts'
import type { Command, CommandOptions, OptionValues } from './command.ts'
import { commandHelp, generalHelp } from './help.ts'
import { CliError, Output, required, type CliIo } from './output.ts'
import { COMMANDS } from './commands/index.ts'

// `switchboard <command> [options]`: one file per command under commands/ (index.ts lists them).
// main.ts runs it for the process; the tests run it in theirs with their own io.

/** The command the first one, two or three words name (`product group list`), and the arguments after them. */
function findCommand(words: string[]): { command: Command; args: string[] } | null {
  for (const n of [3, 2, 1]) {
    const command = COMMANDS.find((c) => c.name === words.slice(0, n).join(' '))
    if (command) return { command, args: words.slice(n) }
  }
  return null
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return `switchboard ${pkg.version} (Node.js ${process.versions.node})`
}

/**
 * `--count -5`: util.parseArgs would take `-5` for an option and refuse the line as ambiguous; a
 * negative number after a string option is its value, so the command can say what it must be.
 */
function joinNegativeValues(args: string[], command: Command): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!.startsWith('--') ? args[i]!.slice(2) : null
    const next = args[i + 1]
    if (name && command.options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`)
      i++
    } else out.push(args[i]!)
  }
  return out
}

/**
 * Runs one `switchboard` command line (the words after `switchboard`) and answers its exit code. It
 * writes only to `io`'s streams and reads only `io`'s environment; a command that opens the data
 * directory has closed it and released its lock when this resolves.
 */
export async function runSwitchboard(argv: string[], io: CliIo): Promise<number> {
  const out = new Output(argv.includes('--json'), io)
  if (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version') {
    io.stdout.write(`${version()}\n`)
    return 0
  }
  if (argv[0] === 'help' && argv.length > 1) {
    const found = findCommand(argv.slice(1))
    if (!found) {
      out.error(`unknown command "${argv.slice(1, 3).join(' ')}" (try switchboard --help)`)
      return 1
    }
    io.stdout.write(`${commandHelp(found.command)}\n`)
    return 0
  }
  const found = findCommand(argv)
  if (!found) {
    const first = argv[0]
    if (!first || first === '--help' || first === '-h' || first === 'help') {
      io.stdout.write(`${generalHelp(COMMANDS)}\n`)
      return first ? 0 : 1
    }
    out.error(`unknown command "${argv.slice(0, 2).filter((a) => !a.startsWith('-')).join(' ')}" (try switchboard --help)`)
    return 1
  }
  const { command, args } = found
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${commandHelp(command)}\n`)
    return 0
  }
  try {
    const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = { json: { type: 'boolean' } }
    // --json is accepted everywhere (a command without a result prints nothing more with it).
    for (const [name, o] of Object.entries(command.options)) options[name] = { type: o.type, multiple: o.multiple ?? false }
    const wanted = command.arguments ?? []
    const { values, positionals } = parseArgs({ args: joinNegativeValues(args, command), strict: true, allowPositionals: wanted.length > 0, options })
    const parsed = values as Record<string, string | string[] | boolean | undefined>
    for (const [name, o] of Object.entries(command.options)) if (o.required && o.type === 'string') required(name, parsed[name] as string | undefined)
    if (positionals.length !== wanted.length) {
      throw new CliError(positionals.length < wanted.length
        ? `<${wanted[positionals.length]!.name}> is required (usage: switchboard ${command.name} ${wanted.map((w) => `<${w.name}>`).join(' ')} …)`
        : `unexpected argument "${positionals[wanted.length]}" (try switchboard ${command.name} --help)`)
    }
    return (await command.run(parsed as OptionValues<CommandOptions>, out, positionals)) ?? 0
  } catch (e) {
    const err = e as Error & { code?: string }
    // util.parseArgs reports bad options with ERR_PARSE_ARGS_* codes: a usage error, not a crash.
    if (err.code?.startsWith('ERR_PARSE_ARGS')) out.error(`${err.message} (try switchboard ${command.name} --help)`)
    else if (e instanceof CliError || e instanceof DataDirLocked) out.error(err.message)
    else out.error(`${err.name}: ${err.message}`)
    return 1
  }
}
