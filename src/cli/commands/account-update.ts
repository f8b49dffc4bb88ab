import { accountLine, type ServiceAccount } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION, type CommandOptions } from '../command.ts'
import { idArgument, oneOf, withAdminClient } from '../operator.ts'
import { CliError, positiveInt } from '../output.ts'

export const BILLING_MODELS = ['prepaid', 'postpaid', 'voucher', 'alias', 'beneficiary'] as const

/** The service-record options `account create` and `account update` share. */
export const SERVICE_OPTIONS = {
  product: { type: 'string', value: 'ID', description: 'the main product (product list --kind main)' },
  billing: { type: 'string', value: 'MODEL', description: 'prepaid, postpaid, voucher, alias or beneficiary' },
  currency: { type: 'string', value: 'CODE', description: 'ISO 4217 currency of the account' },
  balance: { type: 'string', value: 'AMOUNT', description: 'balance, up to 5 decimals' },
  'credit-limit': { type: 'string', value: 'AMOUNT', description: 'credit limit (postpaid)' },
  extension: { type: 'string', value: 'DIGITS', description: 'PBX extension number' },
  'display-name': { type: 'string', value: 'NAME', description: 'the name Porta shows' },
} as const satisfies CommandOptions

/** The service-record fields of the body, from those options. */
export function serviceBody(v: { product?: string; billing?: string; currency?: string; balance?: string; 'credit-limit'?: string; extension?: string; 'display-name'?: string }) {
  return {
    productId: positiveInt('product', v.product), billingModel: oneOf('billing', v.billing, BILLING_MODELS), currency: v.currency, balance: v.balance,
    creditLimit: v['credit-limit'], extensionNumber: v.extension, displayName: v['display-name'],
  }
}

const command = defineCommand({
  name: 'account update',
  summary: "change a service account's product, billing, balance, extension or subscription",
  details: 'Only the options given change. --subscription gives the account an instance of a plan from --from (default now) to --to (default open-ended); --subscription none removes it.',
  arguments: [{ name: 'id', description: 'the account id (account list)' }],
  options: {
    ...SERVICE_OPTIONS,
    subscription: { type: 'string', value: 'ID', description: 'subscription plan of the account (none: remove)' },
    from: { type: 'string', value: 'TIME', description: 'start of the subscription (ISO 8601)' },
    to: { type: 'string', value: 'TIME', description: 'end of the subscription (ISO 8601)' },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard account update 12 --billing postpaid --credit-limit 100', 'npx switchboard account update 12 --subscription 4 --from 2026-12-01T00:00:00Z'],
  async run(v, out, args) {
    const id = idArgument('id', args[0])
    let subscription: unknown
    if (v.subscription === 'none') subscription = null
    else if (v.subscription !== undefined) subscription = { planId: positiveInt('subscription', v.subscription), from: v.from ?? new Date().toISOString(), to: v.to }
    else if (v.from !== undefined || v.to !== undefined) throw new CliError('--from and --to go with --subscription')
    const body = JSON.parse(JSON.stringify({ ...serviceBody(v), subscription })) as Record<string, unknown>
    if (subscription === null) body.subscription = null
    if (!Object.keys(body).length) throw new CliError('nothing to change (try switchboard account update --help)')
    const a = await withAdminClient(out.io, (c) => c.native<ServiceAccount>('PATCH', `/service-accounts/${id}`, body))
    out.result({ ...a }, accountLine(a))
  },
})
export default command
