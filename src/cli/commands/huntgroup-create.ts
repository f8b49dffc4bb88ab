import { huntGroupText, type HuntGroup } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { withAdminClient } from '../operator.ts'
import { positiveInt } from '../output.ts'
import { HUNT_OPTIONS, huntSettings } from './huntgroup-update.ts'

const command = defineCommand({
  name: 'huntgroup create',
  summary: 'create a hunt group of a customer with its hunt settings',
  details: 'Add members with switchboard huntgroup add.',
  options: {
    customer: { type: 'string', value: 'ID', description: 'the customer (customer list)', required: true },
    name: { type: 'string', value: 'NAME', description: 'group name', required: true },
    number: { type: 'string', value: 'DIGITS', description: "the group's number", required: true },
    ...HUNT_OPTIONS,
    ...JSON_OPTION,
  },
  examples: ['npx switchboard huntgroup create --customer 5 --name Sales --number 300 --sequence Simultaneous --pickup yes'],
  async run(v, out) {
    const body = { customerId: positiveInt('customer', v.customer), name: v.name!, number: v.number!, ...huntSettings(v) }
    const g = await withAdminClient(out.io, (c) => c.native<HuntGroup>('POST', '/hunt-groups', JSON.parse(JSON.stringify(body))))
    out.result({ ...g }, huntGroupText(g))
  },
})
export default command
