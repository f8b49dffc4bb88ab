import { featureLines, type FeatureSetting } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'product features',
  summary: 'list the service features a product or add-on sets',
  arguments: [{ name: 'id', description: 'the product id (switchboard product list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard product features 7'],
  async run(v, out, args) {
    const id = idArgument('id', args[0])
    const res = await withAdminClient(out.io, (c) => c.native<{ productId: number; features: FeatureSetting[] }>('GET', `/products/${id}/features`))
    out.result({ ...res }, featureLines(res.features, `product ${id} sets no features`))
  },
})
export default command
