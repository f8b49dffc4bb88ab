import { defineCommand, JSON_OPTION } from '../command.ts'
import { withAdminClient } from '../operator.ts'
import { CliError, positiveInt } from '../output.ts'

const PAYMENT_TYPES = ['AddFund', 'Payment'] as const

const command = defineCommand({
  name: 'gateway create',
  summary: "add a payment gateway to a reseller's (offered to all of its customers)",
  options: {
    reseller: { type: 'string', value: 'ID', description: 'the reseller (needed unless you sign in as its administrator)' },
    type: { type: 'string', value: 'TYPE', description: 'gateway type (paypal, card …)', required: true },
    name: { type: 'string', value: 'NAME', description: 'the name customers see', required: true },
    url: { type: 'string', value: 'URL', description: 'where payments are posted (http or https)', required: true },
    payment: { type: 'string', value: 'TYPES', description: 'AddFund, Payment or AddFund,Payment', required: true },
    position: { type: 'string', value: 'N', description: 'display position (default 1)' },
    access: { type: 'string', value: 'LEVEL', description: 'customer access level (default ALL)' },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard gateway create --reseller 3 --type paypal --name PayPal --url https://pay.example.com/pp --payment AddFund,Payment'],
  async run(v, out) {
    const types = v.payment!.split(',').map((t) => t.trim())
    const bad = types.find((t) => !PAYMENT_TYPES.includes(t as (typeof PAYMENT_TYPES)[number]))
    if (bad !== undefined || !types.length) throw new CliError(`--payment must list ${PAYMENT_TYPES.join(', ')} or both (AddFund,Payment)`)
    let position: number | undefined
    if (v.position !== undefined) {
      if (!/^[0-9]{1,5}$/.test(v.position)) throw new CliError('--position must be a whole number from 0 to 10000')
      position = Number(v.position)
    }
    const body = JSON.parse(JSON.stringify({
      resellerId: positiveInt('reseller', v.reseller), gatewayType: v.type!, gatewayName: v.name!, postUrl: v.url!, paymentTypes: types,
      displayPosition: position, customerAccessLevel: v.access,
    }))
    const gw = await withAdminClient(out.io, (c) => c.native<{ id: number; resellerId: number }>('POST', '/payment-gateways', body))
    out.result({ ...gw }, `payment gateway ${gw.id} (paymenttypeid) added for reseller ${gw.resellerId}`)
  },
})
export default command
