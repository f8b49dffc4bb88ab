import { setTimeout as sleep } from 'node:timers/promises'
import { openAdminClient } from '../admin-client.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { CliError, positiveInt } from '../output.ts'
import { idArgument } from '../operator.ts'
import { Progress } from '../progress.ts'

interface CampaignProgress { id: number; status: string; programType: string | null; contactTotal: number; contactDone: number; cpm: number }

const command = defineCommand({
  name: 'campaign watch',
  summary: 'follow a campaign until every contact is done (a progress bar on a terminal, lines when piped)',
  details: 'Reads the campaign\'s progress every --interval seconds and ends when the campaign has completed\n' +
    '(or, with --once, after one reading). Ctrl-C stops watching; the campaign goes on.',
  options: {
    interval: { type: 'string', value: 'SECONDS', description: 'seconds between readings, 1 to 3600 (default 2)' },
    once: { type: 'boolean', description: 'print the progress once and end' },
    ...JSON_OPTION,
  },
  arguments: [{ name: 'id', description: 'the campaign (ICTCore campaign_id)' }],
  examples: ['npx switchboard campaign watch 1', 'npx switchboard campaign watch 1 --once --json'],
  async run(values, out, args) {
    const id = idArgument('id', args[0])
    const interval = positiveInt('interval', values.interval) ?? 2
    if (interval > 3600) throw new CliError('--interval must be at most 3600')
    const client = await openAdminClient(out.io)
    // The bar is the command's output: on stdout (a terminal gets it redrawn, a pipe gets lines).
    const progress = out.json ? null : new Progress(`campaign ${id}`, out.io.stdout, 0)
    try {
      for (;;) {
        const c = await client.native<CampaignProgress>('GET', `/campaigns/${id}`)
        progress?.update(c.contactDone, { total: c.contactTotal, note: c.status })
        if (values.once || c.status === 'completed') {
          progress?.finish()
          if (out.json) out.result({ ...c }, '')
          else if (c.status === 'completed') out.io.stdout.write(`campaign ${id} completed: ${c.contactDone} of ${c.contactTotal} contacts done\n`)
          return
        }
        await sleep(interval * 1000)
      }
    } finally {
      progress?.finish()
      await client.close()
    }
  },
})
export default command
