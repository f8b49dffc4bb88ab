import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { removeDir, startServer, tempDataDir, type ServerProcess } from '../cli/cli-process.ts'
import { copyMigratedPgliteDataDir, createScratchPostgresDatabase, TEST_DATABASES } from '../helpers/database.ts'
import { until } from '../helpers/poll.ts'
import { basic } from '../helpers/wire.ts'

const CONTACTS = 5000
const CLAIM_BATCH = 100
const PASSWORD = 'crash-test-admin-pw'

// The databases side by side: each test runs its own server processes on its own database.
describe(`kill -9 in the middle of a ${CONTACTS}-contact campaign, issue 3`, { concurrency: true }, () => {
  for (const kind of TEST_DATABASES) {
    test(`after a restart every contact has exactly one completed transmission; re-sends stay within one claim batch (${kind})`, async (t) => {
      const cleanup: (() => Promise<void> | void)[] = []
      t.after(async () => {
        for (const c of cleanup.reverse()) await c()
      })
      const env: Record<string, string> = {
        SWITCHBOARD_ADMIN_PASSWORD: PASSWORD, DISPATCH_LEASE_SECONDS: '2', DISPATCH_BATCH: String(CLAIM_BATCH), DISPATCH_TICK_MS: '20', LOG_LEVEL: 'error',
      }
      if (kind === 'postgres') {
        const scratch = await createScratchPostgresDatabase()
        cleanup.push(() => scratch.drop())
        env.DATABASE_URL = scratch.url
      } else {
        const dir = tempDataDir()
        cleanup.push(() => removeDir(dir))
        // The subject is the restart, not a first start: a migrated database instead of initdb.
        await copyMigratedPgliteDataDir(dir)
        env.DATA_DIR = dir
      }
      let server: ServerProcess = await startServer(env)
      cleanup.push(async () => { await server.stop() })
      const auth = basic('admin', PASSWORD)
      const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
        const res = await fetch(`${server.url}${path}`, {
          method, headers: { authorization: auth, 'content-type': contentType },
          body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        })
        const text = await res.text()
        assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`)
        return JSON.parse(text) as unknown
      }

      await call('POST', '/api/accounts', { username: 'sender', phone: '+15550000000' })
      await call('POST', '/api/providers', { name: 'sandbox', type: 'sandbox', settings: '{"default":{"delay_ms":5}}' })
      const textId = await call('POST', '/api/messages/texts', { name: 'n', data: 'crash test' }) as number
      const programId = await call('POST', '/api/programs/sendsms', { name: 'p', text_id: textId }) as number
      const groupId = await call('POST', '/api/groups', { name: 'g' }) as number
      const csv = Array.from({ length: CONTACTS }, (_, i) => `+1555${String(i).padStart(7, '0')}`).join('\n')
      await call('POST', `/api/groups/${groupId}/csv`, csv, 'text/csv')
      const campaignId = await call('POST', '/api/campaigns', { program_id: programId, group_id: groupId, cpm: 600 }) as number
      await call('PUT', `/native/campaigns/${campaignId}/cpm`, { cpm: 0 })
      await call('POST', `/api/campaigns/${campaignId}/start`)

      const campaign = async () => await call('GET', `/api/campaigns/${campaignId}`) as { status: string; contact_total: number; contact_done: number }
      const { contact_done: doneAtKill } = await until('the campaign to be well under way', campaign, (c) => c.contact_done >= CONTACTS / 4, { timeoutMs: 60_000, intervalMs: 50 })
      server.child.kill('SIGKILL')
      assert.equal((await server.exited).signal, 'SIGKILL')
      assert.ok(doneAtKill < CONTACTS, 'killed before the end')

      server = await startServer(env)
      const done = await until('the campaign to complete after the restart', campaign, (c) => c.status === 'completed', { timeoutMs: 90_000, intervalMs: 50 })
      assert.equal(done.contact_total, CONTACTS)
      assert.equal(done.contact_done, CONTACTS)

      const transmissions = await call('GET', `/api/transmissions?campaign_id=${campaignId}&limit=5000`) as { transmission_id: number; contact_id: number; status: string }[]
      assert.equal(transmissions.length, CONTACTS)
      assert.equal(new Set(transmissions.map((x) => x.contact_id)).size, CONTACTS, 'one transmission per contact')
      assert.deepEqual(transmissions.filter((x) => x.status !== 'completed'), [], 'every transmission completed')

      const sends = await call('GET', '/native/sandbox/sends?limit=100000') as { spoolId: number; transmissionId: number; destination: string }[]
      const ours = new Set(transmissions.map((x) => x.transmission_id))
      const transmissionsByDestination = new Map<string, Set<number>>()
      for (const s of sends) {
        assert.ok(ours.has(s.transmissionId), 'the sandbox only saw transmissions of the campaign')
        transmissionsByDestination.set(s.destination, (transmissionsByDestination.get(s.destination) ?? new Set()).add(s.transmissionId))
      }
      assert.equal(transmissionsByDestination.size, CONTACTS, 'no contact was lost: the sandbox received every one')
      assert.ok([...transmissionsByDestination.values()].every((ids) => ids.size === 1), 'no contact was sent under two transmissions')
      const spoolsSent = new Set(sends.map((s) => s.spoolId)).size
      const resends = sends.length - spoolsSent
      t.diagnostic(`killed at ${doneAtKill} done; sandbox log ${sends.length} sends of ${spoolsSent} spools: ${resends} re-sends after the crash (claim batch ${CLAIM_BATCH})`)
      assert.equal(spoolsSent, CONTACTS, 'one spool per contact')
      assert.ok(resends <= CLAIM_BATCH, `re-sends (${resends}) stay within one claim batch`)
    })
  }
})
