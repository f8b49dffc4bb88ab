import { promosOfTenant } from '../../../core/catalog/index.ts'
import { rcCall } from '../call.ts'
import { numbered, promoRecord } from '../catalog-codec.ts'
import { PromoMap } from '../wire-schemas.ts'

/** `resellers/promo-details` (spec §4.3): every promo of the reseller, active or not, in creation order. */
export const resellersPromoDetails = rcCall({
  name: 'resellers/promo-details', method: 'GET',
  summary: 'Every promotional price of the reseller, active or not',
  reply: PromoMap,
  params: [],
  async handle({ core, actor }) {
    return numbered(await promosOfTenant(core, actor), promoRecord)
  },
})
