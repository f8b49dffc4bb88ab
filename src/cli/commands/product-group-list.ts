import { defineCommand, JSON_OPTION } from '../command.ts'
import { PAGE_OPTIONS, pageOf, queryOf, table, withAdminClient, type ListPage } from '../operator.ts'
import { positiveInt } from '../output.ts'

interface Group { id: number; resellerId: number; name: string }

const command = defineCommand({
  name: 'product group list',
  summary: 'list product groups of the service catalogue (Porta IProductGroup)',
  options: { reseller: { type: 'string', value: 'ID', description: "one reseller's groups" }, ...PAGE_OPTIONS, ...JSON_OPTION },
  examples: ['npx switchboard product group list --reseller 3'],
  async run(v, out) {
    const page = await withAdminClient(out.io, (c) => c.native<ListPage<Group>>('GET', `/product-groups${queryOf({ resellerId: positiveInt('reseller', v.reseller), ...pageOf(v) })}`))
    out.result({ ...page }, table(['id', 'reseller', 'name'], page.items.map((g) => [g.id, g.resellerId, g.name]), 'no product groups', page.total))
  },
})
export default command
