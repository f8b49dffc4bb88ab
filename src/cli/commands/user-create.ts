import { openAdminClient } from '../admin-client.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { positiveInt } from '../output.ts'

const command = defineCommand({
  name: 'user create',
  summary: 'create an ICTCore user (a login) in a reseller, or a platform user',
  options: {
    username: { type: 'string', value: 'U', description: 'the login: letters, digits, . _ - @, not all digits', required: true },
    password: { type: 'string', value: 'P', description: 'its password (stored scrypt-hashed)', required: true },
    email: { type: 'string', value: 'E', description: 'its email address' },
    admin: { type: 'boolean', description: 'give it the admin role (all of its tenant)' },
    reseller: { type: 'string', value: 'ID', description: 'the reseller it belongs to (default: the platform)' },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard user create --username jane --password "a long secret" --reseller 1', 'npx switchboard user create --username ops --password "…" --admin'],
  async run(values, out) {
    const input = {
      username: values.username!, password: values.password!,
      email: values.email, admin: values.admin ?? false, resellerId: positiveInt('reseller', values.reseller),
    }
    const client = await openAdminClient(out.io)
    try {
      const { id } = await client.createUser(input)
      out.result({ id }, `user ${id} (${input.username}) created${input.admin ? ' with the admin role' : ''}`)
    } finally {
      await client.close()
    }
  },
})
export default command
