import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'order reactivate',
  summary: 're-activate a suspended order',
  arguments: [{ name: 'id', description: 'the order id (switchboard order list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard order reactivate 11'],
  async run(_values, out, args) {
    const id = idArgument('id', args[0])
    const order = await withAdminClient(out.io, (c) => c.native<{ id: number; status: string }>('PATCH', `/orders/${id}`, { status: 'active' }))
    out.result({ ...order }, `order ${id} is ${order.status}`)
  },
})
export default command
