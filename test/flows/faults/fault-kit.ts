import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { TestContext } from 'node:test'
import { setTimeout as delay } from 'node:timers/promises'
import { cliEnv } from '../../cli/cli-process.ts'
import { until } from '../../helpers/poll.ts'
import { basic } from '../../helpers/wire.ts'

// What the fault-injection flows (issue 13 point 10) share: a campaign run through the ICTCore
// API, a client acknowledging writes while processes die, and the checks made afterwards.

/** `FAULTS_LONG=1` (`npm run faults`): every kill is repeated 10 times per run. */
export const LONG = process.env.FAULTS_LONG === '1'
export const KILL_ROUNDS = LONG ? 10 : 1
export const CLAIM_BATCH = 100
export const PASSWORD = 'fault-test-admin-pw'

/** Settings of every process under test: short leases so a dead worker's spools come back soon. */
export function faultEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    SWITCHBOARD_ADMIN_PASSWORD: PASSWORD, DISPATCH_LEASE_SECONDS: '2', DISPATCH_BATCH: String(CLAIM_BATCH), DISPATCH_TICK_MS: '20', LOG_LEVEL: 'error',
    ...extra,
  }
}

/** The ICTCore API of whichever server process is current (`url` changes on a restart). */
export class Api {
  private readonly auth = basic('admin', PASSWORD)
  constructor(public url: string) {}

  /** A request whatever its outcome; a refused connection is status 0. */
  async send(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; text: string }> {
    try {
      const res = await fetch(`${this.url}${path}`, {
        method, headers: { authorization: this.auth, 'content-type': contentType },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      })
      return { status: res.status, text: await res.text() }
    } catch {
      return { status: 0, text: '' }
    }
  }

  /** A request that must succeed; resolves to the parsed body. */
  async call(method: string, path: string, body?: unknown, contentType?: string): Promise<unknown> {
    const { status, text } = await this.send(method, path, body, contentType)
    assert.ok(status >= 200 && status < 300, `${method} ${path}: ${status} ${text}`)
    return JSON.parse(text) as unknown
  }
}

export interface CampaignState { status: string; contact_total: number; contact_done: number }

/** Creates a sandbox SMS campaign to `contacts` new contacts, unpaced, and starts it; resolves to its id. */
export async function startCampaign(api: Api, contacts: number): Promise<number> {
  await api.call('POST', '/api/accounts', { username: 'sender', phone: '+15550000000' })
  await api.call('POST', '/api/providers', { name: 'sandbox', type: 'sandbox', settings: '{"default":{"delay_ms":5}}' })
  const textId = await api.call('POST', '/api/messages/texts', { name: 'n', data: 'fault test' }) as number
  const programId = await api.call('POST', '/api/programs/sendsms', { name: 'p', text_id: textId }) as number
  const groupId = await api.call('POST', '/api/groups', { name: 'g' }) as number
  const csv = Array.from({ length: contacts }, (_, i) => `+1555${String(i).padStart(7, '0')}`).join('\n')
  await api.call('POST', `/api/groups/${groupId}/csv`, csv, 'text/csv')
  const campaignId = await api.call('POST', '/api/campaigns', { program_id: programId, group_id: groupId, cpm: 600 }) as number
  await api.call('PUT', `/native/campaigns/${campaignId}/cpm`, { cpm: 0 })
  await api.call('POST', `/api/campaigns/${campaignId}/start`)
  return campaignId
}

/** The campaign's progress, or undefined while the API does not answer (a restart under way). */
export async function campaignState(api: Api, campaignId: number): Promise<CampaignState | undefined> {
  const { status, text } = await api.send('GET', `/api/campaigns/${campaignId}`)
  return status === 200 ? JSON.parse(text) as CampaignState : undefined
}

/** Waits until the campaign has done at least `done` contacts; resolves to what it had done then. */
export async function untilDone(api: Api, campaignId: number, done: number, what: string): Promise<number> {
  const c = await until(what, () => campaignState(api, campaignId), (c) => c !== undefined && (c.contact_done >= done || c.status === 'completed'), { timeoutMs: 120_000, intervalMs: 50 })
  return c!.contact_done
}

/**
 * Waits for the campaign to complete and checks it: every contact exactly one transmission, every
 * transmission completed, the sandbox saw every contact under one transmission, and re-sends (a
 * spool handed to the gateway again) at most one claim batch per kill. Resolves to the re-sends.
 */
export async function checkCampaign(t: TestContext, api: Api, campaignId: number, contacts: number, kills: number): Promise<number> {
  const done = await until('the campaign to complete', () => campaignState(api, campaignId), (c) => c?.status === 'completed', { timeoutMs: 180_000, intervalMs: 100 })
  assert.equal(done!.contact_total, contacts)
  assert.equal(done!.contact_done, contacts)
  const transmissions = await api.call('GET', `/api/transmissions?campaign_id=${campaignId}&limit=${contacts}`) as { transmission_id: number; contact_id: number; status: string }[]
  assert.equal(transmissions.length, contacts)
  assert.equal(new Set(transmissions.map((x) => x.contact_id)).size, contacts, 'one transmission per contact')
  assert.deepEqual(transmissions.filter((x) => x.status !== 'completed'), [], 'every transmission completed')

  const sends = await api.call('GET', '/native/sandbox/sends?limit=100000') as { spoolId: number; transmissionId: number; destination: string }[]
  const ours = new Set(transmissions.map((x) => x.transmission_id))
  const byDestination = new Map<string, Set<number>>()
  for (const s of sends) {
    assert.ok(ours.has(s.transmissionId), 'the sandbox only saw transmissions of the campaign')
    byDestination.set(s.destination, (byDestination.get(s.destination) ?? new Set()).add(s.transmissionId))
  }
  assert.equal(byDestination.size, contacts, 'no contact was lost: the sandbox received every one')
  assert.ok([...byDestination.values()].every((ids) => ids.size === 1), 'no contact was sent under two transmissions')
  const spools = new Set(sends.map((s) => s.spoolId)).size
  assert.equal(spools, contacts, 'one spool per contact')
  const resends = sends.length - spools
  t.diagnostic(`${sends.length} sends of ${spools} spools: ${resends} re-sends after ${kills} fault(s) (claim batch ${CLAIM_BATCH}, ${(resends / Math.max(1, kills)).toFixed(1)} per fault)`)
  assert.ok(resends <= CLAIM_BATCH * Math.max(1, kills), `re-sends (${resends}) stay within one claim batch per fault (${kills})`)
  return resends
}

/**
 * A client creating contacts one after another through whichever API process is current, keeping
 * the ids of those acknowledged with a 2xx (they must all be there afterwards) and counting the rest
 * by status (0: no answer).
 */
export class AckedWriter {
  readonly acked = new Map<number, string>()
  readonly refused = new Map<number, number>()
  private running = false
  private loop: Promise<void> | null = null
  private n = 0

  constructor(private readonly api: Api, private readonly prefix: string) {}

  start(): void {
    this.running = true
    this.loop = (async () => {
      while (this.running) {
        await this.writeOne()
        // A client's pace, not a wait for anything: keeps the writer from starving the machine.
        await delay(10)
      }
    })()
  }

  /** One write; resolves to its status. */
  async writeOne(): Promise<number> {
    const phone = `${this.prefix}${String(this.n++).padStart(6, '0')}`
    const { status, text } = await this.api.send('POST', '/api/contacts', { first_name: 'acked', phone })
    if (status >= 200 && status < 300) {
      const body = JSON.parse(text) as number | { contact_id: number }
      this.acked.set(typeof body === 'number' ? body : body.contact_id, phone)
    } else {
      this.refused.set(status, (this.refused.get(status) ?? 0) + 1)
    }
    return status
  }

  /** Waits until `more` further writes have been acknowledged. */
  async untilAcked(more: number, what: string): Promise<void> {
    const target = this.acked.size + more
    await until(`${more} more acknowledged writes ${what}`, () => this.acked.size, (n) => n >= target, { timeoutMs: 120_000, intervalMs: 25 })
  }

  async stop(): Promise<void> {
    this.running = false
    await this.loop
  }
}

/** Checks that every acknowledged contact is there with its phone. */
export async function checkAcked(api: Api, acked: ReadonlyMap<number, string>): Promise<void> {
  const ids = [...acked.keys()]
  for (let i = 0; i < ids.length; i += 20) {
    await Promise.all(ids.slice(i, i + 20).map(async (id) => {
      const contact = await api.call('GET', `/api/contacts/${id}`) as { phone: string }
      assert.equal(contact.phone, acked.get(id), `acknowledged contact ${id} is present`)
    }))
  }
}

const BIN = fileURLToPath(new URL('../../../bin/switchboard.js', import.meta.url))

export interface WorkerProcess {
  child: ChildProcess
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output(): string
  stop(): Promise<unknown>
}

/** Starts `switchboard worker` (the dispatcher alone); its work shows in the campaign's progress. */
export function startWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'worker'], { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr.on('data', (d: Buffer) => { out += d.toString() })
  let ended = false
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => { ended = true; resolve({ code, signal }) })
  })
  return {
    child, exited, output: () => out,
    async stop() {
      if (!ended) child.kill('SIGTERM')
      return exited
    },
  }
}

/** kill -9, and waits until the process is gone. */
export async function killHard(child: ChildProcess, exited: Promise<{ signal: NodeJS.Signals | null }>): Promise<void> {
  child.kill('SIGKILL')
  assert.equal((await exited).signal, 'SIGKILL')
}
