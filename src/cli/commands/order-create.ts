import { defineCommand, JSON_OPTION } from '../command.ts'
import { withAdminClient } from '../operator.ts'
import { positiveInt } from '../output.ts'

const command = defineCommand({
  name: 'order create',
  summary: 'place an order for a customer (a customer with orders cannot be deleted)',
  options: {
    customer: { type: 'string', value: 'ID', description: 'the customer id', required: true },
    product: { type: 'string', value: 'KEY', description: 'product key (domcno, hosting-linux-us)', required: true },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard order create --customer 42 --product domcno'],
  async run(v, out) {
    const order = await withAdminClient(out.io, (c) => c.native<{ id: number; customerId: number }>('POST', '/orders', { customerId: positiveInt('customer', v.customer), productKey: v.product }))
    out.result({ ...order }, `order ${order.id} placed for customer ${order.customerId}`)
  },
})
export default command
