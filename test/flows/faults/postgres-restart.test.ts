import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startServer } from '../../cli/cli-process.ts'
import { until } from '../../helpers/poll.ts'
import { privatePostgresUnavailable, startPrivatePostgres } from '../../helpers/private-postgres.ts'
import { AckedWriter, Api, checkAcked, checkCampaign, faultEnv, KILL_ROUNDS, startCampaign, untilDone } from './fault-kit.ts'

const CONTACTS = 3000

const health = (api: Api) => api.send('GET', '/healthz').then((r) => r.status)

// The server under test keeps running while PostgreSQL (a private cluster: the shared one serves
// other tests) goes down and comes back; nothing restarts the server.
test(`PostgreSQL stopped and started again mid-campaign (${KILL_ROUNDS} time(s)): the server stays up, reports the database down, resumes; issue 13 point 10`,
  async (t) => {
    // Needs root and PostgreSQL's server binaries (CI has both): without them the test fails saying so.
    assert.equal(privatePostgresUnavailable(), null)
    const cleanup: (() => Promise<unknown> | void)[] = []
    t.after(async () => {
      for (const c of cleanup.reverse()) await c()
    })
    const pg = await startPrivatePostgres()
    cleanup.push(() => pg.remove())
    const server = await startServer(faultEnv({ DATABASE_URL: pg.url }))
    cleanup.push(() => server.stop())
    cleanup.push(() => { if (server.child.exitCode !== null || server.output().stderr) t.diagnostic(`server exit ${server.child.exitCode}: ${server.output().stderr.slice(-2000)}`) })
    const api = new Api(server.url)
    const campaignId = await startCampaign(api, CONTACTS)
    const writer = new AckedWriter(api, '+1777')
    writer.start()
    cleanup.push(() => writer.stop())

    const refusedWhileDown = new Map<number, number>()
    for (let round = 1; round <= KILL_ROUNDS; round++) {
      const done = await untilDone(api, campaignId, Math.floor((CONTACTS * round) / (KILL_ROUNDS + 2)), `round ${round}: the campaign to progress`)
      assert.ok(done < CONTACTS, `round ${round}: the database goes down before the campaign ends`)
      await writer.untilAcked(5, `before the database stops (round ${round})`)
      await pg.stop()
      await until('the health check to report the database down', () => health(api), (s) => s === 503)
      const refused = await writer.writeOne()
      refusedWhileDown.set(refused, (refusedWhileDown.get(refused) ?? 0) + 1)
      assert.equal(server.child.exitCode, null, 'the server survives the database going away')
      await pg.start()
      await until('the health check to answer again', () => health(api), (s) => s === 200, { timeoutMs: 60_000 })
      await writer.untilAcked(5, `after the database came back (round ${round}), without a server restart`)
    }
    await writer.stop()
    const resends = await checkCampaign(t, api, campaignId, CONTACTS, KILL_ROUNDS)
    await checkAcked(api, writer.acked)
    assert.equal(server.child.exitCode, null, 'the same server process served throughout')
    t.diagnostic(`${writer.acked.size} writes acknowledged and all present; writes while the database was down got ${JSON.stringify(Object.fromEntries(refusedWhileDown))}; ` +
      `all refusals ${JSON.stringify(Object.fromEntries(writer.refused))}; re-sends ${resends}`)
  })
