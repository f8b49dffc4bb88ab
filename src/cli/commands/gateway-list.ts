import { defineCommand, JSON_OPTION } from '../command.ts'
import { PAGE_OPTIONS, pageOf, queryOf, table, withAdminClient, type ListPage } from '../operator.ts'
import { positiveInt } from '../output.ts'

interface Gateway { id: number; resellerId: number; gatewayType: string; gatewayName: string; displayPosition: number; paymentTypes: string[]; postUrl: string }

const command = defineCommand({
  name: 'gateway list',
  summary: 'list payment gateways (ResellerClub pg/allowedlist-for-customer) in display order',
  options: { reseller: { type: 'string', value: 'ID', description: "one reseller's gateways" }, ...PAGE_OPTIONS, ...JSON_OPTION },
  examples: ['npx switchboard gateway list --reseller 3'],
  async run(values, out) {
    const page = await withAdminClient(out.io, (c) => c.native<ListPage<Gateway>>('GET', `/payment-gateways${queryOf({ resellerId: positiveInt('reseller', values.reseller), ...pageOf(values) })}`))
    out.result({ ...page }, table(['id', 'reseller', 'position', 'type', 'name', 'payment types', 'post url'],
      page.items.map((g) => [g.id, g.resellerId, g.displayPosition, g.gatewayType, g.gatewayName, g.paymentTypes.join('+'), g.postUrl]), 'no payment gateways', page.total))
  },
})
export default command
