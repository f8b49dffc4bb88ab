import { accountLine, type ServiceAccount } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { oneOf, withAdminClient } from '../operator.ts'
import { positiveInt } from '../output.ts'
import { BILLING_MODELS, SERVICE_OPTIONS, serviceBody } from './account-update.ts'

const command = defineCommand({
  name: 'account create',
  summary: 'create a SIP, DID, alias or voucher account of a customer (Porta IAccount)',
  details: 'A DID takes a free number of the inventory (numbers list --state free) as its login. An alias names its master account and draws on its product. '
    + `Billing models: ${BILLING_MODELS.join(', ')} (Porta Debit, Credit, ReChargeVoucher, Alias, Beneficiary).`,
  options: {
    customer: { type: 'string', value: 'ID', description: 'the customer (customer list)', required: true },
    kind: { type: 'string', value: 'KIND', description: 'sip, did, alias or voucher', required: true },
    login: { type: 'string', value: 'LOGIN', description: 'the login; for a DID its number', required: true },
    secret: { type: 'string', value: 'SECRET', description: 'the SIP secret (never shown again)' },
    master: { type: 'string', value: 'ID', description: 'the master account of an alias' },
    'first-name': { type: 'string', value: 'NAME', description: 'first name' },
    'last-name': { type: 'string', value: 'NAME', description: 'last name' },
    email: { type: 'string', value: 'EMAIL', description: 'email address' },
    ...SERVICE_OPTIONS,
    ...JSON_OPTION,
  },
  examples: [
    'npx switchboard account create --customer 5 --kind sip --login ann.sip --secret s3cret-pass --product 7 --billing postpaid --currency GBP --credit-limit 100',
    'npx switchboard account create --customer 5 --kind did --login 61300000001 --product 7',
  ],
  async run(v, out) {
    const body = {
      customerId: positiveInt('customer', v.customer), kind: oneOf('kind', v.kind, ['sip', 'did', 'alias', 'voucher'] as const), login: v.login!, secret: v.secret,
      masterAccountId: positiveInt('master', v.master), firstName: v['first-name'], lastName: v['last-name'], email: v.email, ...serviceBody(v),
    }
    const a = await withAdminClient(out.io, (c) => c.native<ServiceAccount>('POST', '/service-accounts', JSON.parse(JSON.stringify(body))))
    out.result({ ...a }, `${accountLine(a)} created`)
  },
})
export default command
