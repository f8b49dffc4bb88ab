import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, table, withAdminClient } from '../operator.ts'

interface Assignment { id: number; addonProductId: number; name: string; from: string; to: string | null }

const command = defineCommand({
  name: 'account addons',
  summary: "list a service account's add-on assignments with their periods (Porta IAccountProductAddOn)",
  arguments: [{ name: 'id', description: 'the account id (account list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard account addons 12'],
  async run(_v, out, args) {
    const id = idArgument('id', args[0])
    const res = await withAdminClient(out.io, (c) => c.native<{ items: Assignment[] }>('GET', `/service-accounts/${id}/addons`))
    out.result({ ...res }, table(['assignment', 'add-on', 'name', 'from', 'to'], res.items.map((g) => [g.id, g.addonProductId, g.name, g.from, g.to ?? 'open']), 'no add-ons'))
  },
})
export default command
