import { defineCommand, JSON_OPTION } from '../command.ts'
import { PAGE_OPTIONS, pageOf, queryOf, table, withAdminClient, type ListPage } from '../operator.ts'
import { CliError, positiveInt } from '../output.ts'

interface Product { id: number; resellerId: number; kind: string; name: string; fee: string; currency: string; addonPriority: number }

const command = defineCommand({
  name: 'product list',
  summary: 'list products and add-ons of the service catalogue (Porta GetProducts) by id',
  options: {
    reseller: { type: 'string', value: 'ID', description: "one reseller's products" },
    kind: { type: 'string', value: 'KIND', description: 'main or addon' },
    ...PAGE_OPTIONS, ...JSON_OPTION,
  },
  examples: ['npx switchboard product list --reseller 3 --kind addon'],
  async run(values, out) {
    if (values.kind !== undefined && values.kind !== 'main' && values.kind !== 'addon') throw new CliError('--kind must be main or addon')
    const page = await withAdminClient(out.io, (c) => c.native<ListPage<Product>>('GET', `/products${queryOf({ resellerId: positiveInt('reseller', values.reseller), kind: values.kind, ...pageOf(values) })}`))
    out.result({ ...page }, table(['id', 'reseller', 'kind', 'name', 'fee', 'priority'],
      page.items.map((p) => [p.id, p.resellerId, p.kind, p.name, `${p.fee} ${p.currency}`, p.addonPriority]), 'no products', page.total))
  },
})
export default command
