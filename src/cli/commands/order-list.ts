import { defineCommand, JSON_OPTION } from '../command.ts'
import { oneOf, PAGE_OPTIONS, pageOf, queryOf, table, withAdminClient, type ListPage } from '../operator.ts'
import { positiveInt } from '../output.ts'

interface Order { id: number; resellerId: number; customerId: number; productKey: string; status: string; freeEmail: boolean; createdAt: string }

const command = defineCommand({
  name: 'order list',
  summary: "list customers' orders, oldest first, by reseller, customer and status",
  options: {
    reseller: { type: 'string', value: 'ID', description: "one reseller's orders" },
    customer: { type: 'string', value: 'ID', description: "one customer's orders" },
    status: { type: 'string', value: 'STATUS', description: 'active or suspended' },
    ...PAGE_OPTIONS, ...JSON_OPTION,
  },
  examples: ['npx switchboard order list --customer 42', 'npx switchboard order list --reseller 3 --status suspended --json'],
  async run(values, out) {
    const q = queryOf({
      resellerId: positiveInt('reseller', values.reseller), customerId: positiveInt('customer', values.customer),
      status: oneOf('status', values.status, ['active', 'suspended']), ...pageOf(values),
    })
    const page = await withAdminClient(out.io, (c) => c.native<ListPage<Order>>('GET', `/orders${q}`))
    out.result({ ...page }, table(['id', 'reseller', 'customer', 'product', 'status', 'free email', 'created'],
      page.items.map((o) => [o.id, o.resellerId, o.customerId, o.productKey, o.status, o.freeEmail ? 'on' : 'off', o.createdAt]), 'no orders match', page.total))
  },
})
export default command
