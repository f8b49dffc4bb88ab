import { findNumberType, findRegion, REGIONS } from '../../core/numbers/catalogue.ts'
import { openAdminClient } from '../admin-client.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { CliError, positiveInt } from '../output.ts'
import { Progress } from '../progress.ts'

const MAX_COUNT = 10_000
/** Numbers stocked per call: each call is one transaction; the progress bar moves between them. */
const CHUNK = 1_000

const command = defineCommand({
  name: 'numbers add',
  summary: 'stock tracking numbers of a region and number type (Delacon inventory, ICTCore DIDs, Porta DIDs)',
  details: `Regions: ${REGIONS.map((r) => r.name).join(', ')}.\n` +
    'Number types are the keys of spec/delacon.md §7 (Australia: 1300, 1800, 02, 03, 07, 08).',
  options: {
    region: { type: 'string', value: 'REGION', description: 'region name, code or ISO alpha-2 (Australia, en-au, AU)', required: true },
    type: { type: 'string', value: 'NUMBERTYPE', description: 'number type key of the region (1300)', required: true },
    count: { type: 'string', value: 'N', description: `how many, 1 to ${MAX_COUNT}`, required: true },
    reseller: { type: 'string', value: 'ID', description: 'stock them for one reseller (default: the shared pool)' },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard numbers add --region Australia --type 1300 --count 50', 'npx switchboard numbers add --region UK --type 020 --count 10 --reseller 1 --json'],
  async run(values, out) {
    const count = positiveInt('count', values.count)!
    if (count > MAX_COUNT) throw new CliError(`--count must be at most ${MAX_COUNT}`)
    // Named here with the valid values, which the core error (shared with the partner dialects) does not list.
    const region = findRegion(values.region!)
    if (!region) throw new CliError(`--region must be one of: ${REGIONS.map((r) => r.name).join(', ')}`)
    if (!findNumberType(region, values.type!)) {
      throw new CliError(`--type must be a number type of ${region.name}: ${region.numberTypes.map((t) => t.key).join(', ')}`)
    }
    const input = { region: values.region!, numberType: values.type!, resellerId: positiveInt('reseller', values.reseller) }
    const client = await openAdminClient(out.io)
    const progress = new Progress('numbers added', out.io.stderr, count)
    let added = 0
    try {
      while (added < count) {
        try {
          added += (await client.addNumbers({ ...input, count: Math.min(CHUNK, count - added) })).added
        } catch (e) {
          // Each chunk is committed: say what is already in stock before the error.
          if (added > 0 && e instanceof Error) e.message = `${e.message} (${added} of ${count} numbers were added before this)`
          throw e
        }
        progress.update(added)
      }
      progress.finish()
      out.result({ added }, `${added} ${input.numberType} numbers added for ${region.name}`)
    } finally {
      progress.finish()
      await client.close()
    }
  },
})
export default command
