import { gatewaysForPayment, type PaymentType } from '../../../core/catalog/index.ts'
import { getCustomer } from '../../../core/customers/index.ts'
import { rcCall } from '../call.ts'
import { gatewayRecord, numbered } from '../catalog-codec.ts'
import { CUSTOMER_ID, forCustomerId } from '../customer-id.ts'
import { GatewayMap } from '../wire-schemas.ts'

const PAYMENT_TYPE = /^(addfund|payment)$/i

/** `pg/allowedlist-for-customer` (spec §4.3): the payment gateways a customer may use, by display position. */
export const pgAllowedlistForCustomer = rcCall({
  name: 'pg/allowedlist-for-customer', method: 'GET',
  summary: 'The payment gateways a customer may pay with',
  reply: GatewayMap,
  params: [
    CUSTOMER_ID,
    { name: 'payment-type', check: (v) => PAYMENT_TYPE.test(v), description: 'AddFund or Payment; omitted: gateways supporting both' },
  ],
  async handle({ core, actor, params: p }) {
    await forCustomerId(p, (id) => getCustomer(core, actor, id))
    const raw = p.get('payment-type')?.toLowerCase()
    const type: PaymentType | undefined = raw === undefined ? undefined : raw === 'addfund' ? 'AddFund' : 'Payment'
    return numbered(await gatewaysForPayment(core, actor, type), gatewayRecord)
  },
})
