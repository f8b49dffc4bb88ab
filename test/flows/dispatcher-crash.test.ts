import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { removeDir, startServer, tempDataDir, type ServerProcess } from '../cli/cli-process.ts'
import { copyMigratedPgliteDataDir, createScratchPostgresDatabase, TEST_DATABASES } from '../helpers/database.ts'
import { Api, checkCampaign, faultEnv, startCampaign, untilDone } from './faults/fault-kit.ts'

const CONTACTS = 5000

// The databases side by side: each test runs its own server processes on its own database.
describe(`kill -9 in the middle of a ${CONTACTS}-contact campaign, issue 3`, { concurrency: true }, () => {
  for (const kind of TEST_DATABASES) {
    test(`after a restart every contact has exactly one completed transmission; re-sends stay within one claim batch (${kind})`, async (t) => {
      const cleanup: (() => Promise<unknown> | void)[] = []
      t.after(async () => {
        for (const c of cleanup.reverse()) await c()
      })
      let env: Record<string, string>
      if (kind === 'postgres') {
        const scratch = await createScratchPostgresDatabase()
        cleanup.push(() => scratch.drop())
        env = faultEnv({ DATABASE_URL: scratch.url })
      } else {
        const dir = tempDataDir()
        cleanup.push(() => removeDir(dir))
        // The subject is the restart, not a first start: a migrated database instead of initdb.
        await copyMigratedPgliteDataDir(dir)
        env = faultEnv({ DATA_DIR: dir })
      }
      let server: ServerProcess = await startServer(env)
      cleanup.push(() => server.stop())
      const api = new Api(server.url)
      const campaignId = await startCampaign(api, CONTACTS)

      const doneAtKill = await untilDone(api, campaignId, CONTACTS / 4, 'the campaign to be well under way')
      server.child.kill('SIGKILL')
      assert.equal((await server.exited).signal, 'SIGKILL')
      assert.ok(doneAtKill < CONTACTS, 'killed before the end')

      server = await startServer(env)
      api.url = server.url
      const resends = await checkCampaign(t, api, campaignId, CONTACTS, 1)
      t.diagnostic(`killed at ${doneAtKill} done; ${resends} re-sends after the restart`)
    })
  }
})
