import { accountLine, type ServiceAccount } from '../catalog-output.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { idArgument, withAdminClient } from '../operator.ts'
import { positiveInt } from '../output.ts'

const command = defineCommand({
  name: 'account device',
  summary: 'provision a phone of a model for a service account (Porta i_ua, i_ua_type), replacing the previous one',
  arguments: [{ name: 'id', description: 'the account id (account list)' }],
  options: {
    model: { type: 'string', value: 'ID', description: 'the phone model id', required: true },
    mac: { type: 'string', value: 'MAC', description: "the phone's MAC address" },
    ...JSON_OPTION,
  },
  examples: ['npx switchboard account device 12 --model 3 --mac 00:15:65:aa:bb:cc'],
  async run(v, out, args) {
    const id = idArgument('id', args[0])
    const a = await withAdminClient(out.io, (c) => c.native<ServiceAccount & { device: { id: number; modelId: number } }>('PUT', `/service-accounts/${id}/device`,
      JSON.parse(JSON.stringify({ modelId: positiveInt('model', v.model), mac: v.mac }))))
    out.result({ ...a }, `${accountLine(a)}; device ${a.device.id} of model ${a.device.modelId}`)
  },
})
export default command
