import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startServer, type ServerProcess } from '../../cli/cli-process.ts'
import { createScratchPostgresDatabase } from '../../helpers/database.ts'
import {
  AckedWriter, Api, checkAcked, checkCampaign, faultEnv, KILL_ROUNDS, killHard, startCampaign, startWorker, untilDone, type WorkerProcess,
} from './fault-kit.ts'

const CONTACTS = 5000

// API and worker as separate processes (`serve --no-dispatch` + `worker`) share one PostgreSQL
// database. PGlite is one process per data directory (the lock file refuses a second), so there is
// no separate worker on PGlite: test/flows/dispatcher-crash.test.ts kills the one `serve` there.
// PostgreSQL only, where the suite's other PostgreSQL runs happen: when TEST_DATABASE_URL names a server (CI sets it).
if (process.env.TEST_DATABASE_URL) test(`kill -9 of the worker and of the API mid-campaign, ${KILL_ROUNDS} time(s) each: acknowledged writes kept, one completed transmission per contact, issue 13 point 10`,
  async (t) => {
    const cleanup: (() => Promise<unknown> | void)[] = []
    t.after(async () => {
      for (const c of cleanup.reverse()) await c()
    })
    const scratch = await createScratchPostgresDatabase()
    cleanup.push(() => scratch.drop())
    const env = faultEnv({ DATABASE_URL: scratch.url })

    let server: ServerProcess = await startServer(env, ['--no-dispatch'])
    cleanup.push(() => server.stop())
    let worker: WorkerProcess = startWorker(env)
    cleanup.push(() => worker.stop())
    const api = new Api(server.url)
    const campaignId = await startCampaign(api, CONTACTS)
    const writer = new AckedWriter(api, '+1666')
    writer.start()
    cleanup.push(() => writer.stop())

    const killedAt: number[] = []
    for (let round = 1; round <= KILL_ROUNDS; round++) {
      // Kills spread over the campaign; each waits for progress made by the worker started last. The
      // next worker starts only after the API's restart, so the campaign moves only between the
      // thresholds and ten rounds fit in it (long mode).
      const done = await untilDone(api, campaignId, Math.floor((CONTACTS * round) / (KILL_ROUNDS + 2)), `round ${round}: the campaign to progress`)
      assert.ok(done < CONTACTS, `round ${round}: the worker is killed before the campaign ends`)
      await killHard(worker.child, worker.exited)
      killedAt.push(done)

      await writer.untilAcked(5, `before the API is killed (round ${round})`)
      await killHard(server.child, server.exited)
      server = await startServer(env, ['--no-dispatch'])
      api.url = server.url
      await writer.untilAcked(5, `after the API restarted (round ${round})`)
      worker = startWorker(env)
    }
    await writer.stop()

    const resends = await checkCampaign(t, api, campaignId, CONTACTS, KILL_ROUNDS)
    await checkAcked(api, writer.acked)
    t.diagnostic(`worker killed at ${killedAt.join(', ')} contacts done; ${writer.acked.size} writes acknowledged and all present; ` +
      `unanswered or refused meanwhile: ${JSON.stringify(Object.fromEntries(writer.refused))}; re-sends ${resends}`)
  })
