import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'numbers remove',
  summary: 'remove a free number from the inventory (an allocated one stays)',
  arguments: [{ name: 'id', description: 'the number id (switchboard numbers list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard numbers remove 17'],
  async run(_values, out, args) {
    const id = idArgument('id', args[0])
    await withAdminClient(out.io, (c) => c.native('DELETE', `/numbers/${id}`))
    out.result({ removed: id }, `number ${id} removed from the inventory`)
  },
})
export default command
