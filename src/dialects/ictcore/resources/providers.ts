import { Type, type Static } from 'typebox'
import type { ProviderFields, ProviderView } from '../../../core/providers/index.ts'
import { bodyOf, ts, wireFlag, wireInt, wireStr, type WireBody } from '../codec.ts'
import { BodyOf, Flag, FlagIn, IntIn, Nullable, StrIn, StrOrNumberIn, Timestamp, WireId } from './wire-schemas.ts'

const PROVIDER_TYPES = ['sip', 'smpp', 'http', 'smtp', 'sendmail', 'sandbox'] as const

/** Provider (§5.12): every field, never the password. */
export const ProviderWire = Type.Object({
  provider_id: WireId, name: Type.String(), type: Type.Enum(PROVIDER_TYPES),
  gateway_flag: Type.Integer({ description: 'From type: sip 8, smpp/http 2, smtp/sendmail 4, sandbox 0' }),
  service_flag: Type.Integer({ description: 'Bitmask: voice 1, fax 2, sms 4, email 8' }), node_id: Type.Integer(),
  host: Nullable(Type.String()), port: Nullable(Type.Integer()), username: Nullable(Type.String()), dialstring: Nullable(Type.String()),
  settings: Nullable(Type.String({ description: 'Text; for sandbox its JSON outcome script' })), description: Nullable(Type.String()),
  prefix: Nullable(Type.String()), register: Flag, weight: Type.Integer({ description: 'Lower is preferred' }), active: Flag,
  date_created: Timestamp, last_updated: Timestamp,
}, {
  description: 'Provider (§5.12)',
  examples: [{
    provider_id: 1, name: 'sandbox', type: 'sandbox', gateway_flag: 0, service_flag: 15, node_id: 1, host: null, port: null, username: null,
    dialstring: null, settings: '{"default":{"outcome":"success"}}', description: null, prefix: null, register: 0, weight: 0, active: 1,
    date_created: 1796601600, last_updated: 1796601600,
  }],
})

/** Provider body (§5.12): `name` and `type` required on create. */
export const ProviderBody = BodyOf('Provider (§5.12): POST needs name and type; host for all but sendmail/sandbox; username for sip, smpp, http', {
  name: StrOrNumberIn('Unique', 'sandbox'), type: StrIn('sip | smpp | http | smtp | sendmail | sandbox', 'sandbox'),
  service_flag: IntIn('Bitmask 1-15; default from type'), node_id: IntIn('Default 1'), host: StrIn('Hostname or IP'), port: IntIn('Default from type'),
  username: StrOrNumberIn(), password: StrOrNumberIn('Write-only'), dialstring: StrIn(),
  settings: Type.Optional(Type.Union([Type.String(), Type.Object({}), Type.Array(Type.Unknown()), Type.Null()], { description: 'Text; a JSON object or array is stored as its JSON text' })),
  description: StrIn(), prefix: StrOrNumberIn('Digits dialled before the number'), register: FlagIn('Default 0'),
  weight: Type.Optional(Type.Union([Type.Integer(), Type.String({ pattern: '^-?[0-9]{1,15}$' }), Type.Null()], { description: 'Default 0; lower is preferred' })),
  active: FlagIn('Default 1'),
}, { name: 'sandbox', type: 'sandbox', settings: { default: { outcome: 'success' } } })

/** Provider codecs of `/providers` (spec/ictcore.md §4.11, §5.12). */

/** `settings` is text; a JSON object or array (the sandbox script) is accepted and stored as its JSON text. */
function settingsIn(b: WireBody<typeof ProviderBody>): string | null | undefined {
  const v = b.settings
  if (v !== null && typeof v === 'object') return JSON.stringify(v)
  return wireStr(b, 'settings')
}

/** Integers that may be negative (`weight`). */
function signedInt(b: WireBody<typeof ProviderBody>, key: 'weight'): number | null | undefined {
  const v = b[key]
  if (typeof v === 'string' && /^-[0-9]{1,15}$/.test(v)) return Number(v)
  return wireInt(b, key)
}

/** Provider body (§5.12) → core fields. */
export function providerIn(body: unknown): ProviderFields {
  const b = bodyOf<typeof ProviderBody>(body)
  return {
    name: wireStr(b, 'name', true), type: wireStr(b, 'type'), serviceFlag: wireInt(b, 'service_flag'), nodeId: wireInt(b, 'node_id'),
    host: wireStr(b, 'host'), port: wireInt(b, 'port'), username: wireStr(b, 'username', true), password: wireStr(b, 'password', true),
    dialstring: wireStr(b, 'dialstring'), settings: settingsIn(b), description: wireStr(b, 'description'), prefix: wireStr(b, 'prefix', true),
    register: wireFlag(b, 'register'), weight: signedInt(b, 'weight'), active: wireFlag(b, 'active'),
  }
}

/** Provider (§5.12): every field, never the password. */
export function providerOut(p: ProviderView): Static<typeof ProviderWire> {
  return {
    provider_id: p.id, name: p.name, type: p.type, gateway_flag: p.gatewayFlag, service_flag: p.serviceFlag, node_id: p.nodeId,
    host: p.host, port: p.port, username: p.username, dialstring: p.dialstring, settings: p.settings, description: p.description,
    prefix: p.prefix, register: p.register ? 1 : 0, weight: p.weight, active: p.active ? 1 : 0,
    date_created: ts(p.createdAt), last_updated: ts(p.updatedAt),
  }
}

/** Provider list filters (§6): wire key → core filter name. */
export const PROVIDER_FILTERS: Record<string, string> = {
  provider_id: 'id', type: 'type', active: 'active', node_id: 'nodeId', register: 'register', service_flag: 'serviceFlag',
  gateway_flag: 'gatewayFlag', name: 'name', host: 'host', username: 'username',
}
