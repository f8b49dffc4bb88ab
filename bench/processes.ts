import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const BIN = fileURLToPath(new URL('../bin/switchboard.js', import.meta.url))
/** The node flags a deployed server runs with (bin/switchboard.js's shebang, npm start, deploy/). */
export const SERVE_NODE_FLAGS = ['--max-semi-space-size=8']

let childNode = process.execPath

/**
 * The Node.js binary every child the bench starts from now on runs on (default: the one running the
 * bench). `spec` is a path to a node binary, or a release line or version that scripts/node.sh fetches
 * from the npm registry (`24`, `22`, `20.20.2`). Returns the binary's version.
 */
export function useNode(spec: string): string {
  childNode = spec.includes('/') ? spec : `${execFileSync('bash', [join(ROOT, 'scripts/node.sh'), spec], { encoding: 'utf8' }).trim()}/node`
  return nodeVersion()
}

/** The version of the Node.js binary the children run on (`v24.22.3`). */
export function nodeVersion(): string {
  return childNode === process.execPath ? process.version : execFileSync(childNode, ['--version'], { encoding: 'utf8' }).trim()
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

export interface Child {
  url: string
  /** The child's process id (the server itself: bin/switchboard.js runs in-process). */
  pid: number
  stop(): Promise<void>
}

/**
 * Spawns a node child (args after `node`) and waits until `readyUrl` answers 2xx. `stdoutFile`
 * keeps the child's stdout (else it is dropped).
 */
export async function startChild(args: string[], env: NodeJS.ProcessEnv, url: string, readyPath: string, stdoutFile?: string): Promise<Child> {
  const stdout = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore'
  const child: ChildProcess = spawn(childNode, args, { cwd: ROOT, env, stdio: ['ignore', stdout, 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000) })
  let exited = false
  const done = new Promise<void>((resolve) => child.on('exit', () => { exited = true; resolve() }))
  const deadline = Date.now() + 120_000
  for (;;) {
    if (exited) throw new Error(`child ${args.join(' ')} exited before it was ready:\n${stderr}`)
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`child ${args.join(' ')} not ready within 120 s`) }
    if (await fetch(`${url}${readyPath}`).then((r) => r.ok, () => false)) break
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (!exited) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
      await done
      clearTimeout(timer)
    },
  }
}

/** A `switchboard serve` child, with the environment it runs in (CLI commands run with it reach its data). */
export interface ServerChild extends Child {
  env: NodeJS.ProcessEnv
}

/**
 * `switchboard serve` as a child process, as every bench starts it: a fresh DATA_DIR (removed when
 * it stops), the settings in `env` (DATABASE_URL for PostgreSQL, the admin password, …), `args`
 * after `serve` (e.g. `--no-dispatch`), `nodeArgs` before the script (profilers), and `bin` to run
 * another checkout's build. Its pid is the server's: bin/switchboard.js runs the CLI in-process.
 */
export async function startServer(opts: { env?: Record<string, string | undefined>; args?: string[]; nodeArgs?: string[]; bin?: string; stdoutFile?: string } = {}): Promise<ServerChild> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-'))
  // autocannon sends everything from 127.0.0.1: the per-address request limit would refuse most of it
  // (issue 13 finding 3; docs/decisions/platform.md). Failed-login limits stay on.
  const env = childEnv({ DATA_DIR: dataDir, SWITCHBOARD_ADDRESS_MAX_REQUESTS_PER_MINUTE: '0', ...opts.env })
  const port = await freePort()
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true })
  let child: Child
  try {
    child = await startChild([...SERVE_NODE_FLAGS, ...(opts.nodeArgs ?? []), opts.bin ?? BIN, 'serve', ...(opts.args ?? []), '--port', String(port), '--host', '127.0.0.1'],
      env, `http://127.0.0.1:${port}`, '/healthz', opts.stdoutFile)
  } catch (e) {
    removeDataDir()
    throw e
  }
  return {
    url: child.url, pid: child.pid, env,
    async stop() {
      await child.stop()
      removeDataDir()
    },
  }
}

/** The baseline: the bare Fastify hello-world (bench/hello.ts) as a child process. */
export async function startHello(): Promise<Child> {
  const port = await freePort()
  return startChild(['--import', 'tsx', 'bench/hello.ts'], childEnv({ PORT: String(port) }), `http://127.0.0.1:${port}`, '/')
}

/** Runs the CLI to completion and returns its stdout (throws with stderr on failure). */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(childNode, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => { out += d.toString() })
    child.stderr.on('data', (d: Buffer) => { err += d.toString() })
    child.on('close', (code) => code === 0 ? resolve(out) : reject(new Error(`switchboard ${args.join(' ')} failed (${code}): ${out}${err}`)))
  })
}

/** Runs a node child to completion and returns its last stdout line parsed as JSON. */
export function runJsonChild<T>(args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(childNode, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => { out += d.toString() })
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited with ${code}`))
      try { resolve(JSON.parse(out.trim().split('\n').pop()!) as T) } catch (e) { reject(e as Error) }
    })
  })
}

/** User + system CPU seconds of `pid` so far (/proc/<pid>/stat fields 14 and 15, in clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(f[11]) + Number(f[12])) / 100
}

/**
 * The environment of a child the bench starts: this process's, without where a server would listen
 * or keep its data (each child is given its own), request logs off (`LOG_LEVEL=warn`: the baseline
 * logs nothing either), then `extra` (undefined values left out).
 */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' }
  for (const k of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST', 'NODE_TEST_CONTEXT']) delete env[k]
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v
  return env
}
