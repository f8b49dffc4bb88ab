import { addonCatalogue } from '../product-families.ts'
import { portaOperation } from '../product-operation.ts'

/** `GetAllProductAddons` (spec/porta.md §3 row 43): ADDON: add-on products a main product allows, or all add-ons (§4). */
export const getAllProductAddons = portaOperation({
  wireId: 'GetAllProductAddons',
  methods: ['GET'],
  routes: [
    [43, '/GetAllProductAddons/:License/:IProduct/:SearchString/:isServiceEnabled'],
  ],
  summary: 'ADDON: add-on products a main product allows, or all add-ons (Porta GetAllProductAddons, §3 row 43)',
  serve: addonCatalogue,
})
