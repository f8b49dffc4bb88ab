import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { cliEnv, removeDir, serveCliToShell, startServer, tempDataDir, type ServerProcess } from '../cli/cli-process.ts'

// Issue 19 point 1: every example of the README runs, in order and as written, against a fresh
// server. Every ```sh block is an example; ```text blocks are synopses. The sections about installing,
// starting, testing and deploying the server itself are what this test does around the examples.
// The only change made to the text: the examples' port 8080 becomes the test server's free port.
// curl answers with an HTTP error make the example fail (curl --fail-with-body), as does any command
// that fails (bash -e, pipefail). `npx switchboard …` runs in the test's process (serveCliToShell): the
// command line as bash parsed it, the same commands, without starting Node, tsx and the app per command.

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SETUP_SECTIONS = new Set(['Requirements', 'Run it', 'Test it', 'Deploy', 'Performance'])

interface Example { section: string; line: number; code: string }

/** The README's ```sh blocks outside the set-up sections, in order, with the section and line each starts at. */
export function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = []
  let section = ''
  let block: Example | null = null
  markdown.split('\n').forEach((text, i) => {
    if (block) {
      if (text.startsWith('```')) {
        if (!SETUP_SECTIONS.has(block.section)) examples.push(block)
        block = null
      } else block.code += `${text}\n`
      return
    }
    const heading = /^## (.+)$/.exec(text)
    if (heading) section = heading[1]!.trim()
    else if (text.startsWith('```')) block = text.trim() === '```sh' ? { section, line: i + 1, code: '' } : { section: '(not run)', line: i + 1, code: '' }
  })
  return examples.filter((e) => e.section !== '(not run)')
}

function runBash(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('the README examples', () => {
  const readme = readFileSync(`${ROOT}/README.md`, 'utf8')
  const examples = readmeExamples(readme)
  // The first start's admin password is the one the examples say they assume.
  const adminPassword = /ADMIN_PW='([^']+)'/.exec(readme)?.[1]
  let dataDir: string
  let server: ServerProcess
  let cli: Awaited<ReturnType<typeof serveCliToShell>>
  before(async () => {
    assert.ok(adminPassword, "the README sets ADMIN_PW='…' before its first example needs it")
    dataDir = tempDataDir()
    server = await startServer({ DATA_DIR: dataDir, SWITCHBOARD_ADMIN_PASSWORD: adminPassword })
    cli = await serveCliToShell()
  })
  after(async () => {
    await cli?.close()
    await server?.stop()
    removeDir(dataDir)
  })

  test('there are examples in every section that describes using the server', () => {
    const sections = new Set(examples.map((e) => e.section))
    for (const s of ['The CLI', 'Dialects by example']) assert.ok(sections.has(s), `no example in "${s}"`)
  })

  test('every example runs in order, as written, on a fresh data directory', async () => {
    const script = [
      'set -euo pipefail',
      'curl() { command curl --fail-with-body "$@"; }',
      cli.define,
      ...examples.map((e) => `echo "=== README.md:${e.line} (${e.section})" >&2\n${e.code.replaceAll('localhost:8080', `localhost:${server.port}`)}`),
      'echo "=== all examples ran" >&2',
    ].join('\n')
    const res = await runBash(script, cliEnv({ DATA_DIR: dataDir }))
    const failedAt = [...res.stderr.matchAll(/^=== (.+)$/gm)].at(-1)?.[1]
    assert.equal(res.code, 0, `the example at ${failedAt} failed:\n${res.stderr.slice(-3000)}\n--- stdout:\n${res.stdout.slice(-2000)}`)
    assert.match(res.stderr, /=== all examples ran$/m)
  })
})
