import { PARTNER_DEFAULTS, PARTNER_SETTING_NAMES, type PartnerSettingsPatch, type PartnerSettingsView } from '../../core/resellers/index.ts'
import { openAdminClient } from '../admin-client.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { CliError, positiveInt } from '../output.ts'

const BACKORDER = 'delacon.backorder'

/**
 * `key=value` from the command line as the JSON value the setting takes (its type is its
 * default's): an empty value restores the default; numbers as numbers; the retry delays as
 * `60,300`; `delacon.backorder.<region>/<type>=true|false|` one pool at a time;
 * `delacon.callbackSecret=generate` generates a secret. Core checks every value and names the setting.
 */
export function settingsPatch(pairs: readonly string[]): PartnerSettingsPatch {
  const patch: PartnerSettingsPatch = {}
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    if (eq < 1) throw new CliError(`--set takes key=value, not "${pair}" (keys: ${PARTNER_SETTING_NAMES.join(', ')})`)
    const key = pair.slice(0, eq).trim()
    const text = pair.slice(eq + 1).trim()
    if (key.startsWith(`${BACKORDER}.`)) {
      const pool = key.slice(BACKORDER.length + 1)
      const flag = text === '' ? null : /^(true|yes|on)$/i.test(text) ? true : /^(false|no|off)$/i.test(text) ? false : text
      patch[BACKORDER] = { ...(patch[BACKORDER] as Record<string, unknown> | undefined), [pool]: flag }
      continue
    }
    if (!PARTNER_SETTING_NAMES.includes(key) || key === BACKORDER) {
      throw new CliError(`--set ${key}: not a partner setting (one of ${PARTNER_SETTING_NAMES.filter((n) => n !== BACKORDER).join(', ')}, ${BACKORDER}.<region>/<type>)`)
    }
    if (text === '') {
      patch[key] = null
      continue
    }
    const def = (PARTNER_DEFAULTS as unknown as Record<string, unknown>)[key]
    if (key === 'delacon.callbackSecret') patch[key] = text === 'generate' ? true : text
    else if (typeof def === 'number') patch[key] = /^-?[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : text
    else if (Array.isArray(def)) patch[key] = text.split(',').map((v) => (/^-?[0-9]+$/.test(v.trim()) ? Number(v.trim()) : v.trim()))
    else patch[key] = text
  }
  return patch
}

function human(view: PartnerSettingsView & { shownOnce?: Record<string, string> }): string {
  const lines = Object.entries(view.settings).map(([k, v]) => `  ${k.padEnd(36)}${typeof v === 'string' ? v || '(empty)' : JSON.stringify(v)}`)
  for (const [k, set] of Object.entries(view.secrets)) lines.push(`  ${k.padEnd(36)}${set ? '(set)' : '(not set)'}`)
  for (const [k, v] of Object.entries(view.shownOnce ?? {})) lines.push('', `${k}: ${v}`, '  (shown once: store it now, it cannot be shown again)')
  return [`settings of reseller ${view.resellerId}:`, ...lines].join('\n')
}

const command = defineCommand({
  name: 'reseller settings',
  summary: "show or change a partner's settings (ResellerClub token TTL and currency, Packetera reply defaults, Delacon callback …)",
  details: [
    `Settings: ${PARTNER_SETTING_NAMES.join(', ')}.`,
    'An empty value restores the default. delacon.backorder is set one pool at a time:',
    'delacon.backorder.<region>/<number type>=true|false (empty: follow the pool\'s own flag).',
    'delacon.callbackRetryDelaysSeconds takes two delays: 60,300. delacon.callbackSecret=generate makes',
    'a signing secret and prints it once. README "Delacon settings" describes each.',
  ].join('\n'),
  arguments: [{ name: 'id', description: 'the reseller id (switchboard reseller list)' }],
  options: {
    set: { type: 'string', value: 'KEY=VALUE', multiple: true, description: 'change one setting' },
    ...JSON_OPTION,
  },
  examples: [
    'npx switchboard reseller settings 3',
    'npx switchboard reseller settings 3 --set delacon.callbackUrl=https://partner.example/cb --set delacon.callbackSecret=generate',
    'npx switchboard reseller settings 3 --set delacon.backorder.en-au/1300=false --set delacon.pendingOrderTimeoutHours=72 --json',
  ],
  async run(values, out, args) {
    const id = positiveInt('id', args[0])!
    const patch = settingsPatch(values.set ?? [])
    const client = await openAdminClient(out.io)
    try {
      const view = Object.keys(patch).length ? await client.updateResellerSettings(id, patch) : await client.getResellerSettings(id)
      out.result(view as unknown as Record<string, unknown>, human(view))
    } finally {
      await client.close()
    }
  },
})
export default command
