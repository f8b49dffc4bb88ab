import { defineCommand, JSON_OPTION } from '../command.ts'
import { withAdminClient } from '../operator.ts'
import { CliError, positiveInt } from '../output.ts'

const command = defineCommand({
  name: 'product create',
  summary: 'create a main product or an add-on of a reseller (Porta IProduct)',
  details: 'The fee is the recurring (maintenance) fee, a decimal with up to 5 places. --priority orders add-ons: a higher one overrides a lower one.',
  options: {
    reseller: { type: 'string', value: 'ID', description: 'the reseller (needed unless you sign in as its administrator)' },
    kind: { type: 'string', value: 'KIND', description: 'main or addon', required: true },
    name: { type: 'string', value: 'NAME', description: 'product name', required: true },
    currency: { type: 'string', value: 'CODE', description: 'ISO 4217 currency (GBP)', required: true },
    fee: { type: 'string', value: 'AMOUNT', description: 'recurring fee (default 0)' },
    priority: { type: 'string', value: 'N', description: 'add-on priority (add-ons only)' },
    description: { type: 'string', value: 'TEXT', description: 'description' },
    'end-user-name': { type: 'string', value: 'TEXT', description: 'the name end users see' },
    group: { type: 'string', value: 'ID', description: 'its product group (product group list)' },
    subscription: { type: 'string', value: 'ID', description: 'the subscription plan it bundles (subscription list)' },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard product create --reseller 3 --kind main --name Gold --currency GBP --fee 9.99'],
  async run(v, out) {
    if (v.kind !== 'main' && v.kind !== 'addon') throw new CliError('--kind must be main or addon')
    const priority = v.priority === undefined ? undefined : Number(v.priority)
    if (priority !== undefined && (!Number.isInteger(priority) || priority < 0)) throw new CliError('--priority must be a whole number of at least 0')
    const body = {
      resellerId: positiveInt('reseller', v.reseller), kind: v.kind, name: v.name!, currency: v.currency!, fee: v.fee, addonPriority: priority,
      description: v.description, endUserName: v['end-user-name'],
      groupId: positiveInt('group', v.group), subscriptionId: positiveInt('subscription', v.subscription),
    }
    const product = await withAdminClient(out.io, (c) => c.native<{ id: number; resellerId: number }>('POST', '/products', JSON.parse(JSON.stringify(body))))
    out.result({ ...product }, `product ${product.id} created for reseller ${product.resellerId}`)
  },
})
export default command
