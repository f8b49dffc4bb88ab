import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { until } from './poll.ts'

/**
 * Real Kannel for the tests (Debian `kannel`, `kannel-extras`; .ci/run installs them): bearerbox,
 * smsbox and `fakesmsc` as the SMSC, on free local ports, with a generated kannel.conf in a temp
 * dir. Messages Kannel delivers are read from fakesmsc's output; a mobile-originated message is
 * sent by a fresh fakesmsc (the one connected is replaced: bearerbox holds MT messages meanwhile).
 */

export const BEARERBOX = '/usr/sbin/bearerbox'
export const SMSBOX = '/usr/sbin/smsbox'
export const FAKESMSC = '/usr/lib/kannel/test/fakesmsc'

/** A local TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** A message fakesmsc received from Kannel: sender, receiver, type (`text`, `ucs2`, …) and the text (decoded). */
export interface FakeSmscMessage { from: string; to: string; type: string; text: string }

export class Kannel {
  /** Messages the SMSC received, in order. */
  readonly received: FakeSmscMessage[] = []
  private bearerbox: ChildProcess | null = null
  private smsbox: ChildProcess | null = null
  private fake: ChildProcess | null = null

  private constructor(readonly dir: string, readonly sendsmsPort: number, private readonly smscPort: number) {}

  /**
   * Starts bearerbox (a `fake` SMSC, internal DLR storage), smsbox on `sendsmsPort` and a silent
   * fakesmsc; `groups` is appended to kannel.conf (the sendsms-user and sms-service groups).
   */
  static async start(opts: { sendsmsPort: number; groups: string }): Promise<Kannel> {
    const dir = mkdtempSync(join(tmpdir(), 'sb-kannel-'))
    const [adminPort, boxPort, smscPort] = [await freePort(), await freePort(), await freePort()]
    const conf = join(dir, 'kannel.conf')
    writeFileSync(conf, [
      'group = core', `admin-port = ${adminPort}`, 'admin-password = kannel-admin', `smsbox-port = ${boxPort}`, 'log-level = 1',
      `log-file = "${join(dir, 'bearerbox.log')}"`, 'dlr-storage = internal', '',
      'group = smsc', 'smsc = fake', 'smsc-id = fake', `port = ${smscPort}`, 'connect-allow-ip = 127.0.0.1', '',
      'group = smsbox', 'bearerbox-host = 127.0.0.1', `sendsms-port = ${opts.sendsmsPort}`, `log-file = "${join(dir, 'smsbox.log')}"`, 'log-level = 1', '',
      opts.groups, '',
    ].join('\n'))
    const k = new Kannel(dir, opts.sendsmsPort, smscPort)
    k.bearerbox = spawn(BEARERBOX, ['-v', '2', conf], { stdio: 'ignore' })
    await until('bearerbox listening', () => connects(smscPort), (up) => up, { timeoutMs: 15_000 })
    k.smsbox = spawn(SMSBOX, ['-v', '2', conf], { stdio: 'ignore' })
    await until('smsbox listening', () => connects(opts.sendsmsPort), (up) => up, { timeoutMs: 15_000 })
    // fakesmsc wants a message to send even when told to send none.
    k.startFake(['0 0 text unused'], 0)
    return k
  }

  /** Sends a mobile-originated message through a new fakesmsc (`ucs2`: the text as UCS-2). */
  async mo(from: string, to: string, text: string, ucs2 = false): Promise<void> {
    await this.stopFake()
    const body = ucs2 ? `ucs2 ${percentEncode(Buffer.from(text, 'utf16le').swap16())}` : `text ${text}`
    this.startFake([`${from} ${to} ${body}`], 1)
  }

  /** The process ids of bearerbox, smsbox and fakesmsc (the benches read their CPU time). */
  pids(): number[] {
    return [this.bearerbox, this.smsbox, this.fake].flatMap((p) => (p?.pid === undefined ? [] : [p.pid]))
  }

  async stop(): Promise<void> {
    await this.stopFake()
    await stopProcess(this.smsbox)
    await stopProcess(this.bearerbox)
    rmSync(this.dir, { recursive: true, force: true })
  }

  private startFake(messages: string[], max = 0): void {
    const args = ['-H', '127.0.0.1', '-r', String(this.smscPort), '-i', '0.01', '-m', String(max), ...messages]
    const fake = spawn(FAKESMSC, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let pending = ''
    const read = (chunk: Buffer) => {
      pending += chunk.toString('latin1')
      const lines = pending.split('\n')
      pending = lines.pop()!
      for (const line of lines) {
        const m = /Got message \d+: <(\S+) (\S+) (\S+) (.*)>$/.exec(line)
        if (m) this.received.push({ from: m[1]!, to: m[2]!, type: m[3]!, text: decodeFake(m[3]!, m[4]!) })
      }
    }
    fake.stdout!.on('data', read)
    fake.stderr!.on('data', read)
    this.fake = fake
  }

  private async stopFake(): Promise<void> {
    const fake = this.fake
    this.fake = null
    await stopProcess(fake)
  }
}

/** fakesmsc's way of writing a message body: `text` plain, `ucs-2` url-encoded UCS-2 (`+` a space), `data` url-encoded. */
function decodeFake(type: string, body: string): string {
  if (type === 'text') return body
  const bytes = percentDecode(body)
  return type === 'ucs2' || type === 'ucs-2' ? Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2))).swap16().toString('utf16le') : bytes.toString('latin1')
}

function percentEncode(bytes: Buffer): string {
  return [...bytes].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('')
}

function percentDecode(v: string): Buffer {
  const out: number[] = []
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '%' && /^[0-9a-fA-F]{2}$/.test(v.slice(i + 1, i + 3))) {
      out.push(parseInt(v.slice(i + 1, i + 3), 16))
      i += 2
    } else out.push(v[i] === '+' ? 0x20 : v.charCodeAt(i) & 0xff)
  }
  return Buffer.from(out)
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection(port)
    s.once('connect', () => { s.destroy(); resolve(true) })
    s.once('error', () => resolve(false))
  })
}

async function stopProcess(p: ChildProcess | null): Promise<void> {
  if (!p || p.exitCode !== null || p.signalCode !== null) return
  const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()))
  p.kill('SIGTERM')
  const timer = setTimeout(() => p.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}
