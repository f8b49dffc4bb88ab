import { findNumberType, findRegion, REGIONS } from '../../core/numbers/catalogue.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { oneOf, PAGE_OPTIONS, pageOf, queryOf, table, withAdminClient, type ListPage } from '../operator.ts'
import { CliError, positiveInt } from '../output.ts'

interface TrackingNumber { id: number; number: string; region: string; numberType: string; resellerId: number | null; state: string; customerId: number | null }

const command = defineCommand({
  name: 'numbers list',
  summary: 'list the tracking-number inventory by number (filters: region and type, state, reseller stock, customer)',
  details: `Regions: ${REGIONS.map((r) => r.name).join(', ')}.`,
  options: {
    region: { type: 'string', value: 'REGION', description: 'region name, code or ISO alpha-2 (with --type)' },
    type: { type: 'string', value: 'NUMBERTYPE', description: 'number type key of the region (with --region)' },
    state: { type: 'string', value: 'STATE', description: 'free or allocated' },
    reseller: { type: 'string', value: 'ID', description: "one reseller's own stock" },
    customer: { type: 'string', value: 'ID', description: "a customer's numbers" },
    ...PAGE_OPTIONS, ...JSON_OPTION,
  },
  examples: ['npx switchboard numbers list --region Australia --type 1300 --state free', 'npx switchboard numbers list --customer 42 --json'],
  async run(values, out) {
    if ((values.region === undefined) !== (values.type === undefined)) throw new CliError('--region and --type go together')
    if (values.region !== undefined) {
      const region = findRegion(values.region)
      if (!region) throw new CliError(`--region must be one of: ${REGIONS.map((r) => r.name).join(', ')}`)
      if (!findNumberType(region, values.type!)) throw new CliError(`--type must be a number type of ${region.name}: ${region.numberTypes.map((t) => t.key).join(', ')}`)
    }
    const q = queryOf({
      region: values.region, numberType: values.type, state: oneOf('state', values.state, ['free', 'allocated']),
      resellerId: positiveInt('reseller', values.reseller), customerId: positiveInt('customer', values.customer), ...pageOf(values),
    })
    const page = await withAdminClient(out.io, (c) => c.native<ListPage<TrackingNumber>>('GET', `/numbers${q}`))
    out.result({ ...page }, table(['id', 'number', 'region', 'type', 'stock', 'state', 'customer'],
      page.items.map((n) => [n.id, n.number, n.region, n.numberType, n.resellerId ?? 'shared', n.state, n.customerId]), 'no numbers match', page.total))
  },
})
export default command
