import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'
import { CliError } from '../output.ts'

const command = defineCommand({
  name: 'account addon-end',
  summary: "end a service account's add-on assignment now, at a time, or reopen it",
  arguments: [{ name: 'id', description: 'the account id' }, { name: 'assignment', description: 'the assignment id (account addons)' }],
  options: {
    at: { type: 'string', value: 'TIME', description: 'the end (ISO 8601, default now)' },
    open: { type: 'boolean', description: 'make it open-ended again' },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard account addon-end 12 9', 'npx switchboard account addon-end 12 9 --at 2027-01-01T00:00:00Z'],
  async run(v, out, args) {
    const id = idArgument('id', args[0])
    const assignment = idArgument('assignment', args[1])
    if (v.open && v.at) throw new CliError('--open and --at exclude each other')
    const to = v.open ? null : v.at ?? new Date().toISOString()
    const g = await withAdminClient(out.io, (c) => c.native<{ id: number; name: string; to: string | null }>('PATCH', `/service-accounts/${id}/addons/${assignment}`, { to }))
    out.result({ ...g }, `add-on ${g.name} of account ${id} (assignment ${g.id}) ${g.to ? `ends ${g.to}` : 'is open-ended'}`)
  },
})
export default command
