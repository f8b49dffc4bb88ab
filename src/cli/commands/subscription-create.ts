import { defineCommand, JSON_OPTION } from '../command.ts'
import { withAdminClient } from '../operator.ts'
import { positiveInt } from '../output.ts'

const command = defineCommand({
  name: 'subscription create',
  summary: 'create a subscription plan (a recurring fee products bundle and accounts subscribe to)',
  details: 'A product bundles it with `product create --subscription`; an account gets an instance with `account update --subscription`.',
  options: {
    reseller: { type: 'string', value: 'ID', description: 'the reseller (needed unless you sign in as its administrator)' },
    name: { type: 'string', value: 'NAME', description: 'plan name', required: true },
    fee: { type: 'string', value: 'AMOUNT', description: 'recurring fee, up to 5 decimals', required: true },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard subscription create --reseller 3 --name Monthly --fee 5.50'],
  async run(v, out) {
    const p = await withAdminClient(out.io, (c) => c.native<{ id: number; resellerId: number; fee: string }>('POST', '/subscription-plans', { resellerId: positiveInt('reseller', v.reseller), name: v.name!, fee: v.fee! }))
    out.result({ ...p }, `subscription plan ${p.id} (${p.fee}) created for reseller ${p.resellerId}`)
  },
})
export default command
