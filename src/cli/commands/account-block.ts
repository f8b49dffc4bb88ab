import { accountLine, type ServiceAccount } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'account block',
  summary: 'block a service account (Porta Blocked; its logins fail in every dialect)',
  arguments: [{ name: 'id', description: 'the account id (account list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard account block 12'],
  async run(_v, out, args) {
    const id = idArgument('id', args[0])
    const a = await withAdminClient(out.io, (c) => c.native<ServiceAccount>('POST', `/service-accounts/${id}/block`))
    out.result({ ...a }, accountLine(a))
  },
})
export default command
