import type { Core } from '../core/core.ts'
import type { ProviderType } from '../core/providers/index.ts'
import { recordSandboxSends } from '../core/sandbox/index.ts'
import { SettingsError, type Gateway } from '../gateways/gateway.ts'
import { SandboxGateway } from '../gateways/sandbox/sandbox-gateway.ts'
import { parseSandboxSettings } from '../gateways/sandbox/sandbox-settings.ts'
import { SmppGateway } from '../gateways/smpp/smpp-gateway.ts'
import { parseSmppSettings } from '../gateways/smpp/smpp-settings.ts'

// The gateway registry: the one place that names the gateways (a new gateway is a folder under
// src/gateways plus its lines here).

/** The gateways a dispatcher drives, one per provider type it can serve . */
export function availableGateways(core: Core): Gateway[] {
  return [new SandboxGateway((sends) => recordSandboxSends(core, sends)), new SmppGateway(core.log)]
}

/** The settings parser of each provider type whose gateway takes settings (the others keep free text). */
const SETTINGS_PARSERS: Partial<Record<ProviderType, (settings: string | null) => unknown>> = {
  sandbox: parseSandboxSettings,
  smpp: parseSmppSettings,
}

/**
 * What the gateway of `type` finds wrong with a provider's `settings`, or null when it can use them
 * (core's checkProviderSettings, wired in createCore).
 */
export function providerSettingsProblem(type: ProviderType, settings: string | null): string | null {
  const parse = SETTINGS_PARSERS[type]
  if (!parse) return null
  try {
    parse(settings)
    return null
  } catch (e) {
    if (e instanceof SettingsError) return e.reason
    throw e
  }
}
