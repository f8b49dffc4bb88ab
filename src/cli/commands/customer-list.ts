import { defineCommand, JSON_OPTION } from '../command.ts'
import { oneOf, PAGE_OPTIONS, pageOf, queryOf, table, withAdminClient, type ListPage } from '../operator.ts'
import { positiveInt } from '../output.ts'

interface Customer { id: number; resellerId: number; login: string | null; name: string; company: string | null; status: string; totalReceipts: string }

const command = defineCommand({
  name: 'customer list',
  summary: 'list customers by id, filtered by reseller, status and a search text',
  options: {
    reseller: { type: 'string', value: 'ID', description: "one reseller's customers" },
    status: { type: 'string', value: 'STATUS', description: 'active or suspended' },
    search: { type: 'string', value: 'TEXT', description: 'part of the name, company or login' },
    ...PAGE_OPTIONS, ...JSON_OPTION,
  },
  examples: ['npx switchboard customer list --reseller 3', 'npx switchboard customer list --status suspended --json'],
  async run(values, out) {
    const q = queryOf({ resellerId: positiveInt('reseller', values.reseller), status: oneOf('status', values.status, ['active', 'suspended']), search: values.search, ...pageOf(values) })
    const page = await withAdminClient(out.io, (c) => c.native<ListPage<Customer>>('GET', `/customers${q}`))
    out.result({ ...page }, table(['id', 'reseller', 'login', 'name', 'company', 'status', 'receipts'],
      page.items.map((x) => [x.id, x.resellerId, x.login, x.name, x.company, x.status, x.totalReceipts]), 'no customers match', page.total))
  },
})
export default command
