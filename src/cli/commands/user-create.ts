import { parseArgs } from 'node:util'
import { loadConfig } from '../../config.ts'
import { openAdminClient } from '../admin-client.ts'
import type { Command } from '../command.ts'
import { positiveInt, required } from '../output.ts'

const command: Command = {
  usage: 'user create --username U --password P [--email E] [--admin] [--reseller ID] [--json]',
  async run(args, out) {
    const { values } = parseArgs({
      args, strict: true,
      options: {
        username: { type: 'string' }, password: { type: 'string' }, email: { type: 'string' },
        admin: { type: 'boolean' }, reseller: { type: 'string' }, json: { type: 'boolean' },
      },
    })
    const input = {
      username: required('username', values.username), password: required('password', values.password),
      email: values.email, admin: values.admin ?? false, resellerId: positiveInt('reseller', values.reseller),
    }
    const client = await openAdminClient(loadConfig())
    try {
      const { id } = await client.createUser(input)
      out.result({ id }, `user ${id} (${input.username}) created${input.admin ? ' with the admin role' : ''}`)
    } finally {
      await client.close()
    }
  },
}
export default command
