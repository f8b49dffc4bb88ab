import { catalogOfReseller } from '../product-families.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetProductsByReseller` (spec/porta.md §3 row 7): CAT (reseller): products of a sub-reseller (§4). */
export const getProductsByReseller = portaOperation({
  wireId: 'GetProductsByReseller',
  methods: ['GET'],
  routes: [
    [7, '/GetProductsByReseller/:License/:Currency/:ResellerID'],
  ],
  summary: 'CAT (reseller): products of a sub-reseller (Porta GetProductsByReseller, §3 row 7)',
  serve: catalogOfReseller,
})
