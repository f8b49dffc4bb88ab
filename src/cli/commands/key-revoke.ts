import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'key revoke',
  summary: "revoke one of a reseller's API keys: it fails in every dialect from now on",
  arguments: [{ name: 'reseller', description: 'the reseller id' }, { name: 'key', description: 'the key id (switchboard key list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard key revoke 3 7'],
  async run(_values, out, args) {
    const reseller = idArgument('reseller', args[0])
    const key = idArgument('key', args[1])
    await withAdminClient(out.io, (c) => c.native('DELETE', `/resellers/${reseller}/api-keys/${key}`))
    out.result({ revoked: key }, `key ${key} of reseller ${reseller} revoked`)
  },
})
export default command
