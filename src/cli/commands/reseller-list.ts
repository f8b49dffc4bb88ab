import { openAdminClient } from '../admin-client.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'

const command = defineCommand({
  name: 'reseller list',
  summary: 'list every reseller: id, username, name, parent, enabled (API keys are never shown again)',
  options: { ...JSON_OPTION },
  examples: ['npx switchboard reseller list', 'npx switchboard reseller list --json'],
  async run(_values, out) {
    const client = await openAdminClient(out.io)
    try {
      const list = await client.listResellers()
      const lines = list.map((r) => `${String(r.id).padStart(5)}  ${r.username.padEnd(20)}  ${r.enabled ? 'enabled ' : 'disabled'}  ${r.parentId ? `under ${r.parentId}  ` : ''}${r.name}`)
      out.result({ resellers: list }, list.length ? [`   id  ${'username'.padEnd(20)}  status    name`, ...lines].join('\n') : 'no resellers yet (switchboard reseller create --help)')
    } finally {
      await client.close()
    }
  },
})
export default command
