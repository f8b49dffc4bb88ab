import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'customer reactivate',
  summary: 'reactivate a suspended customer: its logins work again',
  arguments: [{ name: 'id', description: 'the customer id' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard customer reactivate 42'],
  async run(_values, out, args) {
    const id = idArgument('id', args[0])
    const c = await withAdminClient(out.io, (client) => client.native<{ id: number; status: string }>('POST', `/customers/${id}/reactivate`))
    out.result({ ...c }, `customer ${id} is ${c.status}`)
  },
})
export default command
