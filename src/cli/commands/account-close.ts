import { accountLine, type ServiceAccount } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'account close',
  summary: 'close a service account: blocked, and no longer listed by Porta',
  arguments: [{ name: 'id', description: 'the account id (account list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard account close 12'],
  async run(_v, out, args) {
    const id = idArgument('id', args[0])
    const a = await withAdminClient(out.io, (c) => c.native<ServiceAccount>('POST', `/service-accounts/${id}/close`))
    out.result({ ...a }, accountLine(a))
  },
})
export default command
