import { addonCatalogue } from '../product-families.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetProductAddons` (spec/porta.md §3 rows 1, 2, 4): ADDON: add-on products a main product allows, or all add-ons (§4). */
export const getProductAddons = portaOperation({
  wireId: 'GetProductAddons',
  methods: ['GET'],
  routes: [
    [1, '/GetProductAddons/:License/:IProduct/:SearchString'],
    [2, '/GetProductAddons/:License/:IProduct'],
    [4, '/GetProductAddons/:License/:IProduct/:SearchString/:getAllProductAddons'],
  ],
  summary: 'ADDON: add-on products a main product allows, or all add-ons (Porta GetProductAddons, §3 rows 1, 2, 4)',
  serve: addonCatalogue,
})
