import { searchForCustomer } from '../product-families.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetProductAddonBySearch` (spec/porta.md §3 row 10): SRCH: products offered to a customer, by text (§4). */
export const getProductAddonBySearch = portaOperation({
  wireId: 'GetProductAddonBySearch',
  methods: ['GET'],
  routes: [
    [10, '/GetProductAddonBySearch/:License/:Currency/:ICustomer/:SearchString/:getProductAddon'],
  ],
  summary: 'SRCH: products offered to a customer, by text (Porta GetProductAddonBySearch, §3 row 10)',
  serve: searchForCustomer,
})
