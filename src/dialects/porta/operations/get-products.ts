import { catalogOfPartner } from '../product-families.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetProducts` (spec/porta.md §3 rows 5, 6, 39): CAT (partner): products of the partner (§4). */
export const getProducts = portaOperation({
  wireId: 'GetProducts',
  methods: ['GET'],
  routes: [
    [5, '/GetProducts/:License/:Currency'],
    [6, '/GetProducts/:License/:Currency/:ShowAllResellerProducts'],
    [39, '/GetProducts/:License'],
  ],
  summary: 'CAT (partner): products of the partner (Porta GetProducts, §3 rows 5, 6, 39)',
  serve: catalogOfPartner,
})
