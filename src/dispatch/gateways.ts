import { join } from 'node:path'
import type { Core } from '../core/core.ts'
import type { ProviderType } from '../core/providers/index.ts'
import { recordSandboxSends } from '../core/sandbox/index.ts'
import { SettingsError, type Gateway } from '../gateways/gateway.ts'
import { EmailGateway } from '../gateways/email/email-gateway.ts'
import { parseSendmailSettings, parseSmtpSettings } from '../gateways/email/email-settings.ts'
import { FaxGateway } from '../gateways/fax/fax-gateway.ts'
import { FAX_API_PORT, isFaxProvider, parseFaxSettings } from '../gateways/fax/fax-settings.ts'
import { HttpGateway } from '../gateways/http-gateway.ts'
import { KannelGateway } from '../gateways/kannel/kannel-gateway.ts'
import { KANNEL_SENDSMS_PORT, parseKannelSettings } from '../gateways/kannel/kannel-settings.ts'
import { SandboxGateway } from '../gateways/sandbox/sandbox-gateway.ts'
import { parseSandboxSettings } from '../gateways/sandbox/sandbox-settings.ts'
import { SmppGateway } from '../gateways/smpp/smpp-gateway.ts'
import { parseSmppSettings } from '../gateways/smpp/smpp-settings.ts'

// The gateway registry: the one place that names the gateways (a new gateway is a folder under
// src/gateways plus its lines here).

/** What the gateways need from the deployment's configuration. */
export interface GatewayOptions {
  /** The base URL peers call Switchboard back at (PUBLIC_BASE_URL); default `http://127.0.0.1:8080`. */
  publicBaseUrl?: string
  /** SMTP_FROM: the sender of email when a provider sets none. */
  smtpFrom?: string
}

/** The gateways a dispatcher drives, one per provider type it can serve. */
export function availableGateways(core: Core, options: GatewayOptions = {}): Gateway[] {
  const publicBaseUrl = options.publicBaseUrl ?? 'http://127.0.0.1:8080'
  // Peers' callbacks (Kannel's DLR and MO URLs) are signed with a key derived from the server's secret key.
  const callbackKey = core.keyring.derive('gateway-callbacks', 'v1')
  return [
    new SandboxGateway((sends) => recordSandboxSends(core, sends)), new SmppGateway(core.log),
    new HttpGateway(new KannelGateway({ log: core.log, publicBaseUrl, callbackKey }), new FaxGateway({ log: core.log, publicBaseUrl, cacheDir: join(core.mediaDir, 'fax-tiff') })),
    new EmailGateway({ log: core.log, ...(options.smtpFrom ? { defaultFrom: options.smtpFrom } : {}) }),
  ]
}

/** The settings parser of each provider type whose gateway takes settings (the others keep free text). */
const SETTINGS_PARSERS: Partial<Record<ProviderType, (settings: string | null) => unknown>> = {
  sandbox: parseSandboxSettings,
  smpp: parseSmppSettings,
  http: (settings) => (isFaxProvider(settings) ? parseFaxSettings(settings) : parseKannelSettings(settings)),
  smtp: parseSmtpSettings,
  sendmail: parseSendmailSettings,
}

/**
 * A provider's `port` when none is given, where its gateway's peer says otherwise than the type's
 * default (spec/ictcore.md §5.12): an `http` provider is Kannel's sendsms (13013, spec/gateways.md
 * §3) or, with `fax: true`, a fax provider's HTTPS API (443, §5). Null: the type's default (core's
 * providerDefaultPort, wired in createCore).
 */
export function gatewayDefaultPort(type: ProviderType, settings: string | null): number | null {
  if (type !== 'http') return null
  return isFaxProvider(settings) ? FAX_API_PORT : KANNEL_SENDSMS_PORT
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
