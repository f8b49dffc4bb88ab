import { accountTable, type ServiceAccount } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { PAGE_OPTIONS, pageOf, queryOf, withAdminClient, type ListPage } from '../operator.ts'
import { positiveInt } from '../output.ts'

const command = defineCommand({
  name: 'account list',
  summary: 'list service accounts (Porta IAccount: SIP, DID, alias, voucher) by id',
  options: {
    reseller: { type: 'string', value: 'ID', description: "one reseller's accounts" },
    customer: { type: 'string', value: 'ID', description: "one customer's accounts" },
    closed: { type: 'boolean', description: 'include closed accounts' },
    ...PAGE_OPTIONS, ...JSON_OPTION,
  },
  examples: ['npx switchboard account list --customer 5'],
  async run(v, out) {
    const q = queryOf({ resellerId: positiveInt('reseller', v.reseller), customerId: positiveInt('customer', v.customer), includeClosed: v.closed ? 'true' : undefined, ...pageOf(v) })
    const page = await withAdminClient(out.io, (c) => c.native<ListPage<ServiceAccount>>('GET', `/service-accounts${q}`))
    out.result({ ...page }, accountTable(page.items, page.total))
  },
})
export default command
