import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'order cancel',
  summary: 'cancel (remove) an order',
  arguments: [{ name: 'id', description: 'the order id (switchboard order list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard order cancel 11'],
  async run(_values, out, args) {
    const id = idArgument('id', args[0])
    await withAdminClient(out.io, (c) => c.native('DELETE', `/orders/${id}`))
    out.result({ cancelled: id }, `order ${id} cancelled`)
  },
})
export default command
