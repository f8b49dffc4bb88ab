import { defineCommand, JSON_OPTION } from '../command.ts'
import { PAGE_OPTIONS, pageOf, queryOf, table, withAdminClient, type ListPage } from '../operator.ts'
import { positiveInt } from '../output.ts'

interface Promo { id: number; resellerId: number; productKey: string; actionType: string; startsAt: string; endsAt: string; customerPrice: string; currencySymbol: string; active: boolean }

const command = defineCommand({
  name: 'promo list',
  summary: 'list promos (ResellerClub resellers/promo-details) in creation order',
  options: { reseller: { type: 'string', value: 'ID', description: "one reseller's promos" }, ...PAGE_OPTIONS, ...JSON_OPTION },
  examples: ['npx switchboard promo list --reseller 3'],
  async run(values, out) {
    const page = await withAdminClient(out.io, (c) => c.native<ListPage<Promo>>('GET', `/promos${queryOf({ resellerId: positiveInt('reseller', values.reseller), ...pageOf(values) })}`))
    out.result({ ...page }, table(['id', 'reseller', 'product', 'action', 'from', 'to', 'price', 'active'],
      page.items.map((p) => [p.id, p.resellerId, p.productKey, p.actionType, p.startsAt.slice(0, 10), p.endsAt.slice(0, 10), `${p.customerPrice} ${p.currencySymbol}`, p.active ? 'yes' : 'no']), 'no promos', page.total))
  },
})
export default command
