import { spawn, type ChildProcess } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { until } from '../helpers/poll.ts'

// Runs the real CLI (`node bin/switchboard.js …`) as a child process, as an operator would, or the
// same command line in this process (runCliInProcess): the same parsing and commands, without a
// Node and tsx start and an import of the app per command (seconds each on a loaded machine).

const BIN = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url))

export interface CliResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** A throw-away data directory (remove with `rmSync` in `after`). */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'sb-cli-'))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** The environment of a CLI child: the parent's PATH etc. plus the given settings, quiet logs. */
export function cliEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base = { ...process.env }
  delete base.DATABASE_URL
  delete base.DATA_DIR
  delete base.PORT
  delete base.NODE_TEST_CONTEXT // set by node --test; a child must not think it is a test runner worker
  return { ...base, LOG_LEVEL: 'warn', ...env }
}

/** Runs one CLI command to completion. */
export function runCli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}

/**
 * Runs one CLI command to completion in this process, as `runCli` would in a child: the same
 * environment (cliEnv), stdout and stderr collected as from a pipe (no terminal), and the exit code.
 * No signal reaches it: commands that wait for one (serve, worker) run as processes (startServer).
 */
export function runCliInProcess(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return runWithEnvironment(args, cliEnv(env))
}

async function runWithEnvironment(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  // Loaded on first use: most users of this file start processes only.
  const { runSwitchboard } = await import('../../src/cli/run-switchboard.ts')
  let stdout = ''
  let stderr = ''
  const code = await runSwitchboard(args, {
    stdout: { isTTY: false, write: (text: string) => { stdout += text } },
    stderr: { isTTY: false, write: (text: string) => { stderr += text } },
    env,
    signals: new EventEmitter(),
  })
  return { code, signal: null, stdout, stderr }
}

/** A plain-Node client (no tsx, no app): its arguments and environment to the test, the run's output and exit code back. */
const SHELL_CLIENT = `
const res = await fetch(process.env.SWITCHBOARD_IN_PROCESS_URL, { method: 'POST', body: JSON.stringify({ args: process.argv.slice(1), env: process.env, cwd: process.cwd() }) })
const run = await res.json()
process.stdout.write(run.stdout)
process.stderr.write(run.stderr)
process.exitCode = run.code ?? 1
`

/**
 * For shell scripts (the README's examples): `define` is a bash function `npx` under which
 * `npx switchboard …` runs in this process (runCliInProcess) with the arguments as bash parsed them
 * and the script's environment, through a client that starts in a fraction of the CLI's time; other
 * `npx` commands run npx. The script must stay in this process's working directory. Close it when done.
 */
export async function serveCliToShell(): Promise<{ define: string; close(): Promise<void> }> {
  const server = createHttpServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => { body += d.toString() })
    req.on('end', () => {
      const { args, env, cwd } = JSON.parse(body) as { args: string[]; env: NodeJS.ProcessEnv; cwd: string }
      delete env.SWITCHBOARD_IN_PROCESS_URL
      // Relative paths (DATA_DIR, --file) resolve against this process's directory: a script that moved elsewhere is refused, not run elsewhere.
      const run = cwd === process.cwd() ? runWithEnvironment(args, env)
        : Promise.resolve({ code: 1, stdout: '', stderr: `npx switchboard runs in-process from ${process.cwd()}, not from ${cwd}\n` })
      run.then(
        (result) => res.end(JSON.stringify(result)),
        (e: Error) => res.end(JSON.stringify({ code: 1, stdout: '', stderr: `in-process run failed: ${e.stack}\n` })))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const define = [
    `export SWITCHBOARD_IN_PROCESS_URL=http://127.0.0.1:${port}/`,
    `npx() { if [ "\${1:-}" = switchboard ]; then shift; ${shellQuote(process.execPath)} --input-type=module -e ${shellQuote(SHELL_CLIENT)} -- "$@"; else command npx "$@"; fi; }`,
  ].join('\n')
  return { define, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

/** `text` as one single-quoted shell word. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

export interface LockFile { pid: number; url?: string; adminToken?: string }

export function readLockFile(dataDir: string): LockFile | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, 'switchboard.lock'), 'utf8')) as LockFile
  } catch {
    return null
  }
}

export interface ServerProcess {
  child: ChildProcess
  url: string
  port: number
  adminToken: string
  output(): { stdout: string; stderr: string }
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** SIGTERM and wait for the exit (no-op when it has ended). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Starts `switchboard serve` on a free port and waits until it answers /healthz. */
export async function startServer(env: Record<string, string | undefined>, extraArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1', ...extraArgs],
    { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString() })
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString() })
  let ended = false
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => { ended = true; resolve({ code, signal }) })
  })
  const url = `http://127.0.0.1:${port}`
  try {
    await until('serve to answer /healthz (and on PGlite to publish its URL in the lock file)', async () => {
      if (ended) throw new Error('serve exited before listening')
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false)
      return ok && (env.DATABASE_URL !== undefined || readLockFile(env.DATA_DIR!)?.url !== undefined)
    }, (ready) => ready, { timeoutMs: 60_000, intervalMs: 50 })
  } catch (e) {
    if (!ended) child.kill('SIGKILL')
    throw new Error(`${(e as Error).message}:\n${stderr}`, { cause: e })
  }
  return {
    child, url, port,
    adminToken: readLockFile(env.DATA_DIR!)?.adminToken ?? '',
    output: () => ({ stdout, stderr }),
    exited,
    async stop() {
      if (!ended) child.kill('SIGTERM')
      return exited
    },
  }
}

/** Resolves once nothing accepts connections on the port any more (the server closed its listener). */
export async function waitUntilRefused(port: number, timeoutMs = 20_000): Promise<void> {
  const refused = () => new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.once('connect', () => { s.destroy(); resolve(false) })
    s.once('error', () => resolve(true))
  })
  await until(`port ${port} to refuse connections`, refused, (r) => r, { timeoutMs })
}
