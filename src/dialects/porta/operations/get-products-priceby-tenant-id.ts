import { pricesOfTenant } from '../product-families.ts'
import { portaOperation } from '../product-operation.ts'

/** `getProductsPricebyTenantID` (spec/porta.md §3 row 12): PRICE: products of the partner or of a sub-reseller (§4). */
export const getProductsPricebyTenantID = portaOperation({
  wireId: 'getProductsPricebyTenantID',
  methods: ['GET'],
  routes: [
    [12, '/getProductsPricebyTenantID/:License/:TenantID'],
  ],
  summary: 'PRICE: products of the partner or of a sub-reseller (Porta getProductsPricebyTenantID, §3 row 12)',
  serve: pricesOfTenant,
})
