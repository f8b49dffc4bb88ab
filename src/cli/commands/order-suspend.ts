import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'order suspend',
  summary: 'suspend an order (ResellerClub mail/activate refuses it)',
  arguments: [{ name: 'id', description: 'the order id (switchboard order list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard order suspend 11'],
  async run(_values, out, args) {
    const id = idArgument('id', args[0])
    const order = await withAdminClient(out.io, (c) => c.native<{ id: number; status: string }>('PATCH', `/orders/${id}`, { status: 'suspended' }))
    out.result({ ...order }, `order ${id} is ${order.status}`)
  },
})
export default command
