import { parseArgs } from 'node:util'
import { loadConfig } from '../../config.ts'
import { openAdminClient } from '../admin-client.ts'
import type { Command } from '../command.ts'
import { positiveInt, required } from '../output.ts'

const command: Command = {
  usage: 'reseller create --name NAME [--username U] [--parent ID] [--json]',
  async run(args, out) {
    const { values } = parseArgs({
      args, strict: true,
      options: { name: { type: 'string' }, username: { type: 'string' }, parent: { type: 'string' }, json: { type: 'boolean' } },
    })
    const input = { name: required('name', values.name), username: values.username, parentId: positiveInt('parent', values.parent) }
    const client = await openAdminClient(loadConfig())
    try {
      const r = await client.createReseller(input)
      out.result({ id: r.id, username: r.username, apiKey: r.apiKey },
        `reseller ${r.id} created: username ${r.username}, API key ${r.apiKey} (shown once; store it now)`)
    } finally {
      await client.close()
    }
  },
}
export default command
