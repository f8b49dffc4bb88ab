import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { DatabaseOptions } from './client.ts'

const CHILD = fileURLToPath(new URL('./initialise-child.ts', import.meta.url))
const MODULE_HOOKS = fileURLToPath(new URL('../module-hooks.ts', import.meta.url))
// Resolved from here, not from the working directory the server was started in.
const TSX = import.meta.resolve('tsx')

/**
 * Creates and migrates a new PGlite database in a short-lived child process. initdb and the
 * migrations grow the engine's WASM heap, which never shrinks (nor does a worker thread's give its
 * pages back, measured); a child's memory goes when it exits, so the server's own engine starts as
 * small as after a restart (issue 19 point 7). Its output is the server's (stderr).
 */
export async function initialiseApart(options: DatabaseOptions): Promise<void> {
  const child = spawn(process.execPath, ['--import', TSX, '--import', MODULE_HOOKS, CHILD], {
    env: { ...process.env, SWITCHBOARD_INITIALISE: JSON.stringify({ dataDir: options.dataDir, pgliteSharedBuffers: options.pgliteSharedBuffers }) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (code !== 0) throw new Error(`initialising the database in ${options.dataDir} failed (exit ${code})`)
}
