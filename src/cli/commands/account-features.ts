import { featureLines, type FeatureSetting } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

interface Effective { name: string; enabled: boolean; attributes: { name: string; values: string[] }[] }

const command = defineCommand({
  name: 'account features',
  summary: "list a service account's effective features (account over add-ons over product) and its own settings",
  arguments: [{ name: 'id', description: 'the account id (account list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard account features 12'],
  async run(_v, out, args) {
    const id = idArgument('id', args[0])
    const res = await withAdminClient(out.io, (c) => c.native<{ accountId: number; own: FeatureSetting[]; effective: Effective[] }>('GET', `/service-accounts/${id}/features`))
    const effective = res.effective.map((f) => ({ name: f.name, enabled: f.enabled, attributes: Object.fromEntries(f.attributes.map((a) => [a.name, a.values])) }))
    out.result({ ...res }, `effective:\n${featureLines(effective, '(none)')}\nset on the account:\n${featureLines(res.own, '(none)')}`)
  },
})
export default command
