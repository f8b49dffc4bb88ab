import { huntGroupText, yesNo, type HuntGroup } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'
import { CliError, positiveInt } from '../output.ts'

function seconds(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^[0-9]{1,4}$/.test(value)) throw new CliError(`--${name} must be a number of seconds`)
  return Number(value)
}

const command = defineCommand({
  name: 'huntgroup add',
  summary: "add a service account of the group's customer to a hunt group, last in hunt order",
  arguments: [{ name: 'id', description: 'the hunt group id (huntgroup list)' }],
  options: {
    account: { type: 'string', value: 'ID', description: 'the member account (account list)', required: true },
    delay: { type: 'string', value: 'SECONDS', description: 'ring delay (default 0)' },
    timeout: { type: 'string', value: 'SECONDS', description: 'ring timeout (default 30)' },
    primary: { type: 'string', value: 'yes|no', description: "whether this is the account's primary group" },
    huntstop: { type: 'string', value: 'yes|no', description: 'whether hunting stops at this member' },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard huntgroup add 3 --account 12 --timeout 20 --primary yes'],
  async run(v, out, args) {
    const id = idArgument('id', args[0])
    const body = { accountId: positiveInt('account', v.account), delaySeconds: seconds('delay', v.delay), timeoutSeconds: seconds('timeout', v.timeout),
      primaryGroup: yesNo('primary', v.primary), huntstop: yesNo('huntstop', v.huntstop) }
    const g = await withAdminClient(out.io, (c) => c.native<HuntGroup>('POST', `/hunt-groups/${id}/members`, JSON.parse(JSON.stringify(body))))
    out.result({ ...g }, huntGroupText(g))
  },
})
export default command
