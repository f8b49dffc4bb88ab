import { defineCommand, JSON_OPTION } from '../command.ts'
import { PAGE_OPTIONS, pageOf, queryOf, table, withAdminClient, type ListPage } from '../operator.ts'
import { positiveInt } from '../output.ts'

interface Plan { id: number; resellerId: number; name: string; fee: string }

const command = defineCommand({
  name: 'subscription list',
  summary: 'list subscription plans, the recurring fees products bundle (Porta i_subscription)',
  options: { reseller: { type: 'string', value: 'ID', description: "one reseller's plans" }, ...PAGE_OPTIONS, ...JSON_OPTION },
  examples: ['npx switchboard subscription list --reseller 3'],
  async run(v, out) {
    const page = await withAdminClient(out.io, (c) => c.native<ListPage<Plan>>('GET', `/subscription-plans${queryOf({ resellerId: positiveInt('reseller', v.reseller), ...pageOf(v) })}`))
    out.result({ ...page }, table(['id', 'reseller', 'name', 'fee'], page.items.map((p) => [p.id, p.resellerId, p.name, p.fee]), 'no subscription plans', page.total))
  },
})
export default command
