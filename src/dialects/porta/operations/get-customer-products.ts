import { productsOfCustomer } from '../product-families.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetCustomerProducts` (spec/porta.md §3 row 16): CUSTPROD: main products of the accounts of a customer (§4). */
export const getCustomerProducts = portaOperation({
  wireId: 'GetCustomerProducts',
  methods: ['GET'],
  routes: [
    [16, '/GetCustomerProducts/:License/:ICustomer'],
  ],
  summary: 'CUSTPROD: main products of the accounts of a customer (Porta GetCustomerProducts, §3 row 16)',
  serve: productsOfCustomer,
})
