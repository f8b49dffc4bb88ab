import { huntGroupText, type HuntGroup } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'huntgroup remove',
  summary: 'remove a member from a hunt group (the members after it move up)',
  arguments: [{ name: 'id', description: 'the hunt group id' }, { name: 'member', description: 'the membership id (huntgroup show)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard huntgroup remove 3 9'],
  async run(_v, out, args) {
    const id = idArgument('id', args[0])
    const member = idArgument('member', args[1])
    const g = await withAdminClient(out.io, (c) => c.native<HuntGroup>('DELETE', `/hunt-groups/${id}/members/${member}`))
    out.result({ ...g }, huntGroupText(g))
  },
})
export default command
