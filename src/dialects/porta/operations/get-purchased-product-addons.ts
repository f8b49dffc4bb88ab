import { assignedAddons } from '../assign-family.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetPurchasedProductAddons` (spec/porta.md §3 row 3): ASSIGN: add-on assignments of an account (§4). */
export const getPurchasedProductAddons = portaOperation({
  wireId: 'GetPurchasedProductAddons',
  methods: ['GET'],
  routes: [
    [3, '/GetPurchasedProductAddons/:License/:IAccount'],
  ],
  summary: 'ASSIGN: add-on assignments of an account (Porta GetPurchasedProductAddons, §3 row 3)',
  serve: (ctx) => assignedAddons(ctx, false),
})
