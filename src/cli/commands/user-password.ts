import { openAdminClient } from '../admin-client.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { positiveInt } from '../output.ts'

const command = defineCommand({
  name: 'user password',
  summary: 'set a user\'s password, or generate one (shown once): the way back into a lost admin login',
  details: 'The user\'s ICTCore tokens issued before are refused from now on. Without --password a new one is\n' +
    'generated and printed once; with it, the password stays in your shell history: prefer generating.',
  options: {
    username: { type: 'string', value: 'U', description: 'the login whose password to set', required: true },
    password: { type: 'string', value: 'P', description: 'the new password, 6-128 characters (default: generated)' },
    reseller: { type: 'string', value: 'ID', description: 'the reseller the user belongs to (default: the platform)' },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard user password --username admin', 'npx switchboard user password --username jane --reseller 1'],
  async run(values, out) {
    const client = await openAdminClient(out.io)
    try {
      const r = await client.resetUserPassword({ username: values.username!, password: values.password, resellerId: positiveInt('reseller', values.reseller) })
      out.result(r, r.password
        ? `password of user ${r.id} (${r.username}) set to: ${r.password}\nIt is shown only this once.`
        : `password of user ${r.id} (${r.username}) set`)
    } finally {
      await client.close()
    }
  },
})
export default command
