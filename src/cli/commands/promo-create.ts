import { defineCommand, JSON_OPTION } from '../command.ts'
import { withAdminClient } from '../operator.ts'
import { CliError, positiveInt } from '../output.ts'

/** An ISO date or time as the API takes it (a bare date is midnight UTC). */
function time(name: string, value: string): string {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value
  if (Number.isNaN(Date.parse(t))) throw new CliError(`--${name} must be a date (2026-12-01) or an ISO time`)
  return new Date(t).toISOString()
}

const command = defineCommand({
  name: 'promo create',
  summary: 'create a promotional price of a reseller (ResellerClub resellers/promo-details)',
  details: 'Prices are decimals with up to 3 places. --inactive creates it switched off.',
  options: {
    reseller: { type: 'string', value: 'ID', description: 'the reseller (needed unless you sign in as its administrator)' },
    product: { type: 'string', value: 'KEY', description: 'product key (domcno, hosting-linux-us)', required: true },
    action: { type: 'string', value: 'TYPE', description: 'action type (addnewdomain, renewdomain)', required: true },
    from: { type: 'string', value: 'DATE', description: 'start (2026-12-01 or an ISO time)', required: true },
    to: { type: 'string', value: 'DATE', description: 'end', required: true },
    period: { type: 'string', value: 'YEARS', description: 'period in years, 1 to 10 (default 1)' },
    'reseller-price-one': { type: 'string', value: 'PRICE', description: 'discounted reseller price', required: true },
    'reseller-price-two': { type: 'string', value: 'PRICE', description: 'standard reseller price', required: true },
    'customer-price': { type: 'string', value: 'PRICE', description: 'customer price', required: true },
    'sub-reseller-price': { type: 'string', value: 'PRICE', description: 'price for sub-resellers', required: true },
    'barrier-price': { type: 'string', value: 'PRICE', description: 'barrier price (default 0)' },
    currency: { type: 'string', value: 'CODE', description: 'currency of the prices and selling currency (default USD)' },
    inactive: { type: 'boolean', description: 'create it switched off' },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard promo create --reseller 3 --product domcno --action addnewdomain --from 2026-12-01 --to 2027-01-31 --reseller-price-one 7.99 --reseller-price-two 9.99 --customer-price 10.99 --sub-reseller-price 8.5'],
  async run(v, out) {
    const body = {
      resellerId: positiveInt('reseller', v.reseller), productKey: v.product!, actionType: v.action!, startsAt: time('from', v.from!), endsAt: time('to', v.to!),
      period: positiveInt('period', v.period), resellerPriceOne: v['reseller-price-one']!, resellerPriceTwo: v['reseller-price-two']!,
      customerPrice: v['customer-price']!, resellerPrice: v['sub-reseller-price']!, barrierPrice: v['barrier-price'],
      currencySymbol: v.currency, sellingCurrency: v.currency, active: v.inactive ? false : undefined,
    }
    const promo = await withAdminClient(out.io, (c) => c.native<{ id: number; resellerId: number }>('POST', '/promos', JSON.parse(JSON.stringify(body))))
    out.result({ ...promo }, `promo ${promo.id} created for reseller ${promo.resellerId}`)
  },
})
export default command
