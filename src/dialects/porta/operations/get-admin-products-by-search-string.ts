import { adminSearch } from '../product-families.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetAdminProductsBySearchString` (spec/porta.md §3 row 35): ADMIN: every visible product by text (§4). */
export const getAdminProductsBySearchString = portaOperation({
  wireId: 'GetAdminProductsBySearchString',
  methods: ['POST'],
  routes: [
    [35, '/GetAdminProductsBySearchString'],
  ],
  summary: 'ADMIN: every visible product by text (Porta GetAdminProductsBySearchString, §3 row 35)',
  serve: adminSearch,
})
