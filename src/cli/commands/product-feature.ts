import { FEATURE_OPTIONS, featureBody, featureLines, type FeatureSetting } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'product feature',
  summary: 'set a service feature (on or off, with attributes) on a product or add-on',
  details: 'Features: call_forwarding (forward_to), cli (presentation_number), cli_translation (rule), clir, follow_me (numbers), voice_dialing, voice_mail (email). '
    + 'An add-on overrides its main product; an account overrides both (account feature).',
  arguments: [{ name: 'id', description: 'the product id' }, { name: 'feature', description: 'the feature name' }],
  options: { ...FEATURE_OPTIONS, ...JSON_OPTION },
  examples: ['npx switchboard product feature 7 voice_mail --set email=vm@example.com', 'npx switchboard product feature 7 clir --off'],
  async run(v, out, args) {
    const id = idArgument('id', args[0])
    const res = await withAdminClient(out.io, (c) => c.native<{ productId: number; features: FeatureSetting[] }>('PUT', `/products/${id}/features/${encodeURIComponent(args[1]!)}`, featureBody(v)))
    out.result({ ...res }, featureLines(res.features, `product ${id} sets no features`))
  },
})
export default command
