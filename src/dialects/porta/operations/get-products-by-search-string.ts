import { productsOfCustomer } from '../product-families.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetProductsBySearchString` (spec/porta.md §3 row 34): CUSTPROD: main products of the accounts of a customer (§4). */
export const getProductsBySearchString = portaOperation({
  wireId: 'GetProductsBySearchString',
  methods: ['GET'],
  routes: [
    [34, '/GetProductsBySearchString/:License/:ICustomer/:MultipleProducts/:getProductsbySearch'],
  ],
  summary: 'CUSTPROD: main products of the accounts of a customer (Porta GetProductsBySearchString, §3 row 34)',
  serve: productsOfCustomer,
})
