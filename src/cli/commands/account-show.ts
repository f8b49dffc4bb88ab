import { accountLine, type ServiceAccount } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'account show',
  summary: 'show a service account: kind, customer, product, billing, extension, device, subscription',
  arguments: [{ name: 'id', description: 'the account id (account list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard account show 12'],
  async run(_v, out, args) {
    const id = idArgument('id', args[0])
    const a = await withAdminClient(out.io, (c) => c.native<ServiceAccount>('GET', `/service-accounts/${id}`))
    out.result({ ...a }, accountLine(a))
  },
})
export default command
