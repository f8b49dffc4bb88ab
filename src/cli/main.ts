import { processIo } from './output.ts'
import { runSwitchboard } from './run-switchboard.ts'

// The `switchboard` process (bin/switchboard.js): its arguments, streams, environment and signals.

const code = await runSwitchboard(process.argv.slice(2), processIo())
// Exits explicitly: a command's database pool or fetch keep-alive must not hold the process open.
// `serve` returns only once it has stopped, so exiting here always follows a clean stop.
setImmediate(() => process.exit(code))
