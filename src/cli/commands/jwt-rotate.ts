import { parseArgs } from 'node:util'
import { loadConfig } from '../../config.ts'
import { openAdminClient } from '../admin-client.ts'
import type { Command } from '../command.ts'

const command: Command = {
  usage: 'jwt rotate [--json]',
  async run(args, out) {
    parseArgs({ args, strict: true, options: { json: { type: 'boolean' } } })
    const client = await openAdminClient(loadConfig())
    try {
      await client.rotateJwtSigningKey()
      out.result({ rotated: true }, 'ICTCore JWT signing key rotated: every token issued before is refused; users log in again')
    } finally {
      await client.close()
    }
  },
}
export default command
