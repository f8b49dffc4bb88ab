import { systemActor } from '../../core/actor.ts'
import type { Core } from '../../core/core.ts'
import { updatePartnerSettings } from '../../core/resellers/index.ts'
import type { ReplyConfig } from './reply.ts'

/** The partner setting of each reply field (core's partner settings, `packetera.response…`). */
const SETTING: Record<keyof ReplyConfig, string> = {
  format: 'packetera.responseFormat', delimiter: 'packetera.responseDelimiter',
  separator: 'packetera.responseSeparator', encapsulator: 'packetera.responseEncapsulator',
}

/**
 * Stores a partner's Packetera reply defaults (spec §2.2) through core's partner settings (checked
 * like request fields); `null` clears them. A refused setting → Invalid naming it.
 */
export async function setPacketeraReplyDefaults(core: Core, resellerId: number, defaults: Partial<Record<keyof ReplyConfig, string>> | null): Promise<void> {
  const patch: Record<string, unknown> = {}
  for (const [field, name] of Object.entries(SETTING) as [keyof ReplyConfig, string][]) {
    if (defaults === null) patch[name] = null
    else if (defaults[field] !== undefined) patch[name] = defaults[field]
  }
  await updatePartnerSettings(core, systemActor, resellerId, patch)
}
