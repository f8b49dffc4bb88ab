// The child process of `initialiseApart` (initialise.ts): creates and migrates a new PGlite
// database, then exits, taking with it the memory initdb and the migrations grew. The options come
// as JSON in SWITCHBOARD_INITIALISE.
import { openDatabase, type DatabaseOptions } from './client.ts'
import { migrate } from './migrate.ts'

const options = JSON.parse(process.env.SWITCHBOARD_INITIALISE ?? '{}') as DatabaseOptions
const database = await openDatabase(options)
try {
  await migrate(database)
} finally {
  await database.close()
}
