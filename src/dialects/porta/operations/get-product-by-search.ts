import { searchForCustomer } from '../product-families.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetProductBySearch` (spec/porta.md §3 rows 8, 9): SRCH: products offered to a customer, by text (§4). */
export const getProductBySearch = portaOperation({
  wireId: 'GetProductBySearch',
  methods: ['GET'],
  routes: [
    [8, '/GetProductBySearch/:License/:Currency/:ICustomer/:SearchString'],
    [9, '/GetProductBySearch/:License/:Currency/:ICustomer/:SearchString/:isClonedEnabled'],
  ],
  summary: 'SRCH: products offered to a customer, by text (Porta GetProductBySearch, §3 rows 8, 9)',
  serve: searchForCustomer,
})
