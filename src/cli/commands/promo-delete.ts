import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'promo delete',
  summary: 'delete a promo',
  arguments: [{ name: 'id', description: 'the promo id (switchboard promo list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard promo delete 5'],
  async run(_values, out, args) {
    const id = idArgument('id', args[0])
    await withAdminClient(out.io, (c) => c.native('DELETE', `/promos/${id}`))
    out.result({ deleted: id }, `promo ${id} deleted`)
  },
})
export default command
