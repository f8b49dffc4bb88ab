import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'
import { CliError } from '../output.ts'

const command = defineCommand({
  name: 'product addons',
  summary: 'set the add-ons a main product allows (Porta GetProductAddons)',
  details: 'Replaces the list; an empty --addons clears it.',
  arguments: [{ name: 'id', description: 'the main product id (switchboard product list)' }],
  options: {
    addons: { type: 'string', value: 'IDS', description: 'comma-separated add-on product ids', required: true },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard product addons 7 --addons 8,9'],
  async run(v, out, args) {
    const id = idArgument('id', args[0])
    const addonIds = v.addons!.split(',').map((s) => s.trim()).filter(Boolean).map(Number)
    if (addonIds.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new CliError('--addons must be product ids separated by commas')
    const res = await withAdminClient(out.io, (c) => c.native<{ addonIds: number[] }>('PUT', `/products/${id}/addons`, { addonIds }))
    out.result({ ...res }, `product ${id} allows add-ons ${res.addonIds.join(', ') || '(none)'}`)
  },
})
export default command
