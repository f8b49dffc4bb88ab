import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'gateway delete',
  summary: 'remove a payment gateway',
  arguments: [{ name: 'id', description: 'the gateway id (switchboard gateway list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard gateway delete 4'],
  async run(_values, out, args) {
    const id = idArgument('id', args[0])
    await withAdminClient(out.io, (c) => c.native('DELETE', `/payment-gateways/${id}`))
    out.result({ deleted: id }, `payment gateway ${id} removed`)
  },
})
export default command
