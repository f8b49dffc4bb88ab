import type { Core } from '../../core/core.ts'
import { Invalid } from '../../core/errors.ts'
import { updateResellerSettings } from '../../core/resellers/index.ts'
import { PARTNER_REPLY_SETTINGS_KEY, validReplyDefaults, type ReplyConfig } from './reply.ts'

/**
 * Stores a partner's Packetera reply defaults (spec §2.2) in its reseller settings, checked like
 * request fields; `null` clears them. For the CLI / native API; a refused setting → Invalid(setting).
 */
export async function setPacketeraReplyDefaults(core: Core, resellerId: number, defaults: Partial<Record<keyof ReplyConfig, string>> | null): Promise<void> {
  if (defaults === null) {
    await updateResellerSettings(core, resellerId, { [PARTNER_REPLY_SETTINGS_KEY]: null })
    return
  }
  const checked = validReplyDefaults(defaults)
  if ('refused' in checked) throw new Invalid(checked.refused, 'is not a valid Packetera reply setting')
  await updateResellerSettings(core, resellerId, { [PARTNER_REPLY_SETTINGS_KEY]: checked.value })
}
