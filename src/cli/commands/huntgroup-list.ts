import type { HuntGroup } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { PAGE_OPTIONS, pageOf, queryOf, table, withAdminClient, type ListPage } from '../operator.ts'
import { positiveInt } from '../output.ts'

const command = defineCommand({
  name: 'huntgroup list',
  summary: 'list hunt groups of customers (Porta i_c_group) with their member count',
  options: {
    reseller: { type: 'string', value: 'ID', description: "one reseller's hunt groups" },
    customer: { type: 'string', value: 'ID', description: "one customer's hunt groups" },
    ...PAGE_OPTIONS, ...JSON_OPTION,
  },
  examples: ['npx switchboard huntgroup list --customer 5'],
  async run(v, out) {
    const q = queryOf({ resellerId: positiveInt('reseller', v.reseller), customerId: positiveInt('customer', v.customer), ...pageOf(v) })
    const page = await withAdminClient(out.io, (c) => c.native<ListPage<HuntGroup>>('GET', `/hunt-groups${q}`))
    out.result({ ...page }, table(['id', 'customer', 'name', 'number', 'sequence', 'members', 'active'],
      page.items.map((g) => [g.id, g.customerId, g.name, g.number, g.sequence, g.members.length, g.active ? 'yes' : 'no']), 'no hunt groups', page.total))
  },
})
export default command
