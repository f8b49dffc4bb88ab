import { DataDirLocked } from '../db/lock.ts'
import { CliError, Output } from './output.ts'
import type { Command } from './command.ts'
import jwtRotate from './commands/jwt-rotate.ts'
import migrate from './commands/migrate.ts'
import numbersAdd from './commands/numbers-add.ts'
import resellerCreate from './commands/reseller-create.ts'
import serve from './commands/serve.ts'
import userCreate from './commands/user-create.ts'
import worker from './commands/worker.ts'

// `switchboard <command> [options]`: one file per command under commands/.
const COMMANDS: Record<string, Command> = {
  serve,
  worker,
  migrate,
  'reseller create': resellerCreate,
  'user create': userCreate,
  'numbers add': numbersAdd,
  'jwt rotate': jwtRotate,
}

function usage(): string {
  return ['usage: switchboard <command> [options]', '', ...Object.values(COMMANDS).map((c) => `  switchboard ${c.usage}`), '',
    'Every command honours DATA_DIR and DATABASE_URL; --json prints one JSON object on stdout.'].join('\n')
}

async function main(argv: string[]): Promise<number> {
  const out = new Output(argv.includes('--json'))
  const two = argv.slice(0, 2).join(' ')
  const name = COMMANDS[two] ? two : argv[0]
  const command = name ? COMMANDS[name] : undefined
  if (!command) {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(`${usage()}\n`)
      return name ? 0 : 1
    }
    out.error(`unknown command "${argv.slice(0, 2).filter((a) => !a.startsWith('-')).join(' ')}" (try switchboard --help)`)
    return 1
  }
  try {
    return (await command.run(argv.slice(name.split(' ').length), out)) ?? 0
  } catch (e) {
    const err = e as Error & { code?: string }
    // util.parseArgs reports bad options with ERR_PARSE_ARGS_* codes: a usage error, not a crash.
    if (e instanceof CliError || e instanceof DataDirLocked || err.code?.startsWith('ERR_PARSE_ARGS')) out.error(err.message)
    else out.error(`${err.name}: ${err.message}`)
    return 1
  }
}

const code = await main(process.argv.slice(2))
// Exits explicitly: a command's database pool or fetch keep-alive must not hold the process open.
// `serve` returns only once it has stopped, so exiting here always follows a clean stop.
setImmediate(() => process.exit(code))
