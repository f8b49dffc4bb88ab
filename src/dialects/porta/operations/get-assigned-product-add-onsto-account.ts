import { assignedAddons } from '../assign-family.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetAssignedProductAddOnstoAccount` (spec/porta.md §3 row 40): ASSIGN: add-on assignments of an account (§4). */
export const getAssignedProductAddOnstoAccount = portaOperation({
  wireId: 'GetAssignedProductAddOnstoAccount',
  methods: ['GET'],
  routes: [
    [40, '/GetAssignedProductAddOnstoAccount/:License/:IAccount/:getProductAddonFlag'],
  ],
  summary: 'ASSIGN: add-on assignments of an account (Porta GetAssignedProductAddOnstoAccount, §3 row 40)',
  serve: (ctx) => assignedAddons(ctx, false),
})
