import { spawn } from 'node:child_process'
import { existsSync, globSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

// `npm test`: the suite's files split into one test process per core, each running its files one
// after another in one module graph (`--experimental-test-isolation=none`), instead of one process per
// file: every file then no longer pays for starting Node, tsx and importing the app again (about a
// third of the suite's time). Files are handed out longest first, by the duration each took last time
// (measured by helpers/file-times-reporter.ts, kept in the temp dir; file size before the first run),
// so the processes finish together. Every process loads the secret sweep (helpers/secret-sweep.ts).
//
//   node test/run.ts [glob or file …]     default: test/**/*.test.ts
//   TEST_PROCESSES=n                      processes (default: the machine's cores, at least 2)
// Other arguments starting with `--` go to every test process (`--test-name-pattern=…`).

const args = process.argv.slice(2)
const patterns = args.filter((a) => !a.startsWith('--'))
const passThrough = args.filter((a) => a.startsWith('--'))
const files = [...new Set((patterns.length ? patterns : ['test/**/*.test.ts']).flatMap((p) => (existsSync(p) ? [p] : globSync(p))))].sort()
if (!files.length) {
  process.stderr.write(`no test files match ${patterns.join(' ')}\n`)
  process.exit(1)
}

const TIMES = join(tmpdir(), 'switchboard-test-times.json')
const SECRET_SWEEP = new URL('./helpers/secret-sweep.ts', import.meta.url).href
const MODULE_HOOKS = new URL('../src/module-hooks.ts', import.meta.url).href
const FILE_TIMES_REPORTER = fileURLToPath(new URL('./helpers/file-times-reporter.ts', import.meta.url))
const lastTimes: Record<string, number> = (() => {
  try { return JSON.parse(readFileSync(TIMES, 'utf8')) as Record<string, number> } catch { return {} }
})()
/** A file's expected cost: its last duration in ms, or (never run) its size as a stand-in. */
const cost = (f: string) => lastTimes[f] ?? statSync(f).size / 10

const processes = Math.max(1, Math.min(files.length, Number(process.env.TEST_PROCESSES) || Math.max(2, availableParallelism())))
const groups: { files: string[]; cost: number }[] = Array.from({ length: processes }, () => ({ files: [], cost: 0 }))
for (const f of [...files].sort((a, b) => cost(b) - cost(a))) {
  const lightest = groups.reduce((a, b) => (b.cost < a.cost ? b : a))
  lightest.files.push(f)
  lightest.cost += cost(f)
}

interface Totals { tests: number; pass: number; fail: number; cancelled: number; skipped: number; todo: number }
const totals: Totals = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 }
const times: Record<string, number> = { ...lastTimes }
const started = Date.now()

interface GroupRun { code: number; text: string; crashed: boolean; lastStarted: string | null; finished: Set<string> }

/** Runs one group; its report is printed whole when it ends, so reports of processes do not interleave. */
function runGroup(group: string[], index: number, label: string): Promise<GroupRun> {
  const timesFile = join(tmpdir(), `switchboard-test-times-${process.pid}-${index}.jsonl`)
  rmSync(timesFile, { force: true })
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [
      '--import', 'tsx', '--import', MODULE_HOOKS, '--import', SECRET_SWEEP, '--test', '--experimental-test-isolation=none', '--test-force-exit',
      '--test-timeout=120000', '--test-reporter=spec', '--test-reporter-destination=stdout',
      `--test-reporter=${FILE_TIMES_REPORTER}`, '--test-reporter-destination=stderr', ...passThrough, ...group,
    ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SWITCHBOARD_TEST_PROCESS: String(index), SWITCHBOARD_TEST_EVENTS: timesFile } })
    const out: Buffer[] = []
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => out.push(d))
    const groupStart = Date.now()
    child.on('close', (code, signal) => {
      const text = Buffer.concat(out).toString()
      process.stdout.write(`\n━━ ${label}: ${group.length} files, ${((Date.now() - groupStart) / 1000).toFixed(0)} s${signal ? `, killed by ${signal}` : ''}\n${text}`)
      let lastStarted: string | null = null
      const measured: Record<string, number> = {}
      try {
        for (const line of readFileSync(timesFile, 'utf8').split('\n')) {
          if (!line) continue
          const e = JSON.parse(line) as { started?: string; file?: string; ms?: number }
          if (e.started) lastStarted = relative(process.cwd(), e.started)
          if (e.file) {
            const file = relative(process.cwd(), e.file)
            measured[file] = (measured[file] ?? 0) + (e.ms ?? 0)
          }
        }
        rmSync(timesFile)
      } catch { /* a process that died at once reports nothing */ }
      // A process that ends without its summary died (a signal, an abort in Node itself): its counts are not taken.
      const crashed = signal !== null || !/^ℹ tests \d+$/m.test(text)
      if (!crashed) {
        Object.assign(times, measured)
        for (const key of Object.keys(totals) as (keyof Totals)[]) {
          const m = new RegExp(`^ℹ ${key} (\\d+)$`, 'm').exec(text)
          if (m) totals[key] += Number(m[1])
        }
      }
      resolve({ code: code ?? 1, text, crashed, lastStarted, finished: new Set(Object.keys(measured)) })
    })
  })
}

/**
 * A group whose process died has the files it did not finish run once more in a new process: a
 * crash of Node itself (seen once: glibc's `corrupted size vs. prev_size` in a test process, not
 * reproduced) must not leave half the suite unrun. The death is reported; a second death fails the run.
 */
async function runGroupOnce(group: string[], index: number): Promise<number> {
  const first = await runGroup(group, index, `test process ${index + 1}/${processes}`)
  if (!first.crashed) return first.code
  // Files not finished, and the one it died in (finished suites of it included: a file is the unit).
  const rest = group.filter((f) => !first.finished.has(f) || f === first.lastStarted)
  // The reporter's events can lag the tests: the file named is the last one it recorded starting.
  const where = first.lastStarted ? `after starting ${first.lastStarted}` : 'before reporting a file'
  crashes.push(`test process ${index + 1} died ${where}; ${rest.length} files run again`)
  process.stdout.write(`\n━━ test process ${index + 1} died ${where}: running its ${rest.length} unfinished files again\n`)
  const again = await runGroup(rest, index, `test process ${index + 1}/${processes}, run again`)
  // A test that failed before the death still fails the run.
  const failedBefore = /^\s*✖ /m.test(first.text)
  return again.crashed || failedBefore ? 1 : again.code
}

const crashes: string[] = []
const codes = await Promise.all(groups.map((g, i) => runGroupOnce(g.files, i)))
try { writeFileSync(TIMES, JSON.stringify(times)) } catch { /* a cache only */ }
process.stdout.write(`\n━━ ${files.length} files in ${processes} processes, ${((Date.now() - started) / 1000).toFixed(0)} s\n`)
for (const [key, n] of Object.entries(totals)) process.stdout.write(`ℹ ${key} ${n}\n`)
for (const c of crashes) process.stdout.write(`ℹ crash: ${c}\n`)
process.exit(codes.some((c) => c !== 0) || totals.fail > 0 ? 1 : 0)
