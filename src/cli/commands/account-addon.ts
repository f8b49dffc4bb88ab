import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'
import { positiveInt } from '../output.ts'

const command = defineCommand({
  name: 'account addon',
  summary: 'attach an add-on product to a service account for a period',
  arguments: [{ name: 'id', description: 'the account id (account list)' }],
  options: {
    addon: { type: 'string', value: 'ID', description: 'the add-on product (product list --kind addon)', required: true },
    from: { type: 'string', value: 'TIME', description: 'start (ISO 8601, default now)' },
    to: { type: 'string', value: 'TIME', description: 'end (ISO 8601, default open-ended)' },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard account addon 12 --addon 8 --from 2026-12-01T00:00:00Z --to 2027-01-01T00:00:00Z'],
  async run(v, out, args) {
    const id = idArgument('id', args[0])
    const g = await withAdminClient(out.io, (c) => c.native<{ id: number; name: string; from: string; to: string | null }>('POST', `/service-accounts/${id}/addons`,
      JSON.parse(JSON.stringify({ addonProductId: positiveInt('addon', v.addon), from: v.from, to: v.to }))))
    out.result({ ...g }, `add-on ${g.name} attached to account ${id} as assignment ${g.id}, ${g.from} to ${g.to ?? 'open'}`)
  },
})
export default command
