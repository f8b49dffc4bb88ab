import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'

const command = defineCommand({
  name: 'key create',
  summary: 'issue another API key for a reseller (the key is shown once)',
  arguments: [{ name: 'reseller', description: 'the reseller id' }],
  options: { label: { type: 'string', value: 'TEXT', description: 'what the key is for (billing, crm …)' }, ...JSON_OPTION },
  examples: ['npx switchboard key create 3 --label billing', 'npx switchboard key create 3 --json'],
  async run(values, out, args) {
    const id = idArgument('reseller', args[0])
    const key = await withAdminClient(out.io, (c) => c.native<{ id: number; apiKey: string }>('POST', `/resellers/${id}/api-keys`, values.label === undefined ? {} : { label: values.label }))
    out.result({ ...key }, `key ${key.id} of reseller ${id}: ${key.apiKey}\n  (shown once: store it now, it cannot be shown again)`)
  },
})
export default command
