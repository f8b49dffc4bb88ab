import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

interface Reseller { id: number; name: string; username: string; parentId: number | null; enabled: boolean; dialects: string[] | null; createdAt: string }

const command = defineCommand({
  name: 'reseller show',
  summary: 'show one reseller: name, username, parent, enabled, dialects (never its keys)',
  arguments: [{ name: 'id', description: 'the reseller id (switchboard reseller list)' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard reseller show 3', 'npx switchboard reseller show 3 --json'],
  async run(_values, out, args) {
    const id = idArgument('id', args[0])
    const r = await withAdminClient(out.io, (c) => c.native<Reseller>('GET', `/resellers/${id}`))
    out.result({ ...r }, [
      `reseller ${r.id}: ${r.name}`, `  username  ${r.username}`, `  parent    ${r.parentId ?? '-'}`,
      `  status    ${r.enabled ? 'enabled' : 'disabled'}`, `  dialects  ${r.dialects?.join(', ') ?? 'all'}`, `  created   ${r.createdAt}`,
    ].join('\n'))
  },
})
export default command
