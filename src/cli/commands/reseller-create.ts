import { openAdminClient } from '../admin-client.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { positiveInt } from '../output.ts'

const command = defineCommand({
  name: 'reseller create',
  summary: 'create a reseller (a tenant) and its first API key, shown once',
  details: 'The username is the reseller\'s login in the partner dialects (Packetera WebUserName, RC auth-userid\n' +
    'is its id); the API key is its password there.',
  options: {
    name: { type: 'string', value: 'NAME', description: 'the reseller\'s name', required: true },
    username: { type: 'string', value: 'U', description: 'its login: 1-20 letters, digits, . _ -, not all digits', required: true },
    parent: { type: 'string', value: 'ID', description: 'the reseller it sells under (default: none)' },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard reseller create --name Acme --username acme', 'npx switchboard reseller create --name "Acme West" --username acmewest --parent 1 --json'],
  async run(values, out) {
    const input = { name: values.name!, username: values.username!, parentId: positiveInt('parent', values.parent) }
    const client = await openAdminClient(out.io)
    try {
      const r = await client.createReseller(input)
      out.result({ id: r.id, username: r.username, apiKey: r.apiKey },
        `reseller ${r.id} created: username ${r.username}, API key ${r.apiKey} (shown once; store it now)`)
    } finally {
      await client.close()
    }
  },
})
export default command
