import { huntGroupText, type HuntGroup } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'huntgroup show',
  summary: 'show a hunt group: its hunt settings and members in hunt order',
  arguments: [{ name: 'id', description: 'the hunt group id (huntgroup list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard huntgroup show 3'],
  async run(_v, out, args) {
    const id = idArgument('id', args[0])
    const g = await withAdminClient(out.io, (c) => c.native<HuntGroup>('GET', `/hunt-groups/${id}`))
    out.result({ ...g }, huntGroupText(g))
  },
})
export default command
