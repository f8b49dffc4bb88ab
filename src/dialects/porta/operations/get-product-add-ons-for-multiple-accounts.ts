import { assignedAddons } from '../assign-family.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetProductAddOnsForMultipleAccounts` (spec/porta.md §3 row 41): ASSIGN (multi): add-on assignments of the accounts of LstIAccounts (§4). */
export const getProductAddOnsForMultipleAccounts = portaOperation({
  wireId: 'GetProductAddOnsForMultipleAccounts',
  methods: ['POST'],
  routes: [
    [41, '/GetProductAddOnsForMultipleAccounts'],
  ],
  summary: 'ASSIGN (multi): add-on assignments of the accounts of LstIAccounts (Porta GetProductAddOnsForMultipleAccounts, §3 row 41)',
  serve: (ctx) => assignedAddons(ctx, true),
})
