import { parseArgs } from 'node:util'
import { loadConfig } from '../../config.ts'
import { openAdminClient } from '../admin-client.ts'
import type { Command } from '../command.ts'
import { CliError, positiveInt, required } from '../output.ts'

const command: Command = {
  usage: 'numbers add --region REGION --type NUMBERTYPE --count N [--reseller ID] [--json]',
  async run(args, out) {
    const { values } = parseArgs({
      args, strict: true,
      options: {
        region: { type: 'string' }, type: { type: 'string' }, count: { type: 'string' },
        reseller: { type: 'string' }, json: { type: 'boolean' },
      },
    })
    const count = positiveInt('count', required('count', values.count))!
    if (count > 10_000) throw new CliError('--count must be at most 10000')
    const input = {
      region: required('region', values.region), numberType: required('type', values.type), count,
      resellerId: positiveInt('reseller', values.reseller),
    }
    const client = await openAdminClient(loadConfig())
    try {
      const { added } = await client.addNumbers(input)
      out.result({ added }, `${added} ${input.numberType} numbers added for ${input.region}`)
    } finally {
      await client.close()
    }
  },
}
export default command
