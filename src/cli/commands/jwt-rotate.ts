import { openAdminClient } from '../admin-client.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'

const command = defineCommand({
  name: 'jwt rotate',
  summary: 'rotate the ICTCore JWT signing key: every token issued before is refused',
  options: { ...JSON_OPTION },
  examples: ['npx switchboard jwt rotate'],
  async run(_values, out) {
    const client = await openAdminClient(out.io)
    try {
      await client.rotateJwtSigningKey()
      out.result({ rotated: true }, 'ICTCore JWT signing key rotated: every token issued before is refused; users log in again')
    } finally {
      await client.close()
    }
  },
})
export default command
