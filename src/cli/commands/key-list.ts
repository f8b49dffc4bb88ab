import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, table, withAdminClient } from '../operator.ts'

interface Key { id: number; label: string | null; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

const command = defineCommand({
  name: 'key list',
  summary: "list a reseller's API keys: id, label, created, last used, revoked (never the secrets)",
  arguments: [{ name: 'reseller', description: 'the reseller id' }],
  options: { ...JSON_OPTION },
  examples: ['npx switchboard key list 3', 'npx switchboard key list 3 --json'],
  async run(_values, out, args) {
    const id = idArgument('reseller', args[0])
    const { keys } = await withAdminClient(out.io, (c) => c.native<{ keys: Key[] }>('GET', `/resellers/${id}/api-keys`))
    out.result({ keys }, table(['id', 'label', 'created', 'last used', 'revoked'], keys.map((k) => [k.id, k.label, k.createdAt, k.lastUsedAt, k.revokedAt]), `reseller ${id} has no keys`))
  },
})
export default command
