import { defineCommand, JSON_OPTION } from '../command.ts'
import { withAdminClient } from '../operator.ts'
import { positiveInt } from '../output.ts'

const command = defineCommand({
  name: 'product group create',
  summary: 'create a product group (Porta IProductGroup; products name it with --group)',
  options: {
    reseller: { type: 'string', value: 'ID', description: 'the reseller (needed unless you sign in as its administrator)' },
    name: { type: 'string', value: 'NAME', description: 'group name', required: true },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard product group create --reseller 3 --name Voice'],
  async run(v, out) {
    const g = await withAdminClient(out.io, (c) => c.native<{ id: number; resellerId: number }>('POST', '/product-groups', { resellerId: positiveInt('reseller', v.reseller), name: v.name! }))
    out.result({ ...g }, `product group ${g.id} created for reseller ${g.resellerId}`)
  },
})
export default command
