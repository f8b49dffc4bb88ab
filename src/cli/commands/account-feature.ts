import { FEATURE_OPTIONS, featureBody, featureLines, type FeatureSetting } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'account feature',
  summary: 'set a service feature on a service account, overriding its product and add-ons',
  details: 'Features: call_forwarding (forward_to), cli (presentation_number), cli_translation (rule), clir, follow_me (numbers), voice_dialing, voice_mail (email).',
  arguments: [{ name: 'id', description: 'the account id' }, { name: 'feature', description: 'the feature name' }],
  options: { ...FEATURE_OPTIONS, ...JSON_OPTION },
  examples: ['npx switchboard account feature 12 call_forwarding --set forward_to=441632960001', 'npx switchboard account feature 12 voice_mail --off'],
  async run(v, out, args) {
    const id = idArgument('id', args[0])
    const res = await withAdminClient(out.io, (c) => c.native<{ accountId: number; own: FeatureSetting[] }>('PUT', `/service-accounts/${id}/features/${encodeURIComponent(args[1]!)}`, featureBody(v)))
    out.result({ ...res }, featureLines(res.own, `account ${id} sets no features`))
  },
})
export default command
