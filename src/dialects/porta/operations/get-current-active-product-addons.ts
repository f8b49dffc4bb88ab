import { assignedAddons } from '../assign-family.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetCurrentActiveProductAddons` (spec/porta.md §3 row 42): ASSIGN: add-on assignments of an account (§4). */
export const getCurrentActiveProductAddons = portaOperation({
  wireId: 'GetCurrentActiveProductAddons',
  methods: ['GET'],
  routes: [
    [42, '/GetCurrentActiveProductAddons/:License/:IAccount/:isActiveAddon'],
  ],
  summary: 'ASSIGN: add-on assignments of an account (Porta GetCurrentActiveProductAddons, §3 row 42)',
  serve: (ctx) => assignedAddons(ctx, false),
})
