import { huntGroupText, yesNo, type HuntGroup } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION, type CommandOptions } from '../command.ts'
import { idArgument, oneOf, withAdminClient } from '../operator.ts'
import { CliError } from '../output.ts'

/** The hunt settings `huntgroup create` and `huntgroup update` share. */
export const HUNT_OPTIONS = {
  sequence: { type: 'string', value: 'ORDER', description: "hunt sequence: Order, Simultaneous, Random or 'Least Used'" },
  active: { type: 'string', value: 'yes|no', description: 'whether the group hunts' },
  pickup: { type: 'string', value: 'yes|no', description: 'whether members may pick up its calls' },
  'keep-cli': { type: 'string', value: 'yes|no', description: "whether the caller's original number is kept" },
} as const satisfies CommandOptions

export function huntSettings(v: { sequence?: string; active?: string; pickup?: string; 'keep-cli'?: string }) {
  return {
    sequence: oneOf('sequence', v.sequence, ['Order', 'Simultaneous', 'Random', 'Least Used'] as const), active: yesNo('active', v.active),
    pickupAllowed: yesNo('pickup', v.pickup), keepOriginalCli: yesNo('keep-cli', v['keep-cli']),
  }
}

const command = defineCommand({
  name: 'huntgroup update',
  summary: "change a hunt group's name, number or hunt settings",
  arguments: [{ name: 'id', description: 'the hunt group id (huntgroup list)' }],
  options: {
    name: { type: 'string', value: 'NAME', description: 'group name' },
    number: { type: 'string', value: 'DIGITS', description: "the group's number" },
    ...HUNT_OPTIONS,
    ...JSON_OPTION,
  },
  examples: ["npx switchboard huntgroup update 3 --sequence 'Least Used' --active no"],
  async run(v, out, args) {
    const id = idArgument('id', args[0])
    const body = JSON.parse(JSON.stringify({ name: v.name, number: v.number, ...huntSettings(v) })) as Record<string, unknown>
    if (!Object.keys(body).length) throw new CliError('nothing to change (try switchboard huntgroup update --help)')
    const g = await withAdminClient(out.io, (c) => c.native<HuntGroup>('PATCH', `/hunt-groups/${id}`, body))
    out.result({ ...g }, huntGroupText(g))
  },
})
export default command
