import type { ProviderFields, ProviderView } from '../../../core/providers/index.ts'
import { bodyObject, ts, wireFlag, wireInt, wireStr } from '../codec.ts'

/** Provider codecs of `/providers` (spec/ictcore.md §4.11, §5.12). */

/** `settings` is text; a JSON object or array (the sandbox script) is accepted and stored as its JSON text. */
function settingsIn(b: Record<string, unknown>): string | null | undefined {
  const v = b.settings
  if (v !== null && typeof v === 'object') return JSON.stringify(v)
  return wireStr(b, 'settings')
}

/** Integers that may be negative (`weight`). */
function signedInt(b: Record<string, unknown>, key: string): number | null | undefined {
  const v = b[key]
  if (typeof v === 'string' && /^-[0-9]{1,15}$/.test(v)) return Number(v)
  return wireInt(b, key)
}

/** Provider body (§5.12) → core fields. */
export function providerIn(body: unknown): ProviderFields {
  const b = bodyObject(body)
  return {
    name: wireStr(b, 'name', true), type: wireStr(b, 'type'), serviceFlag: wireInt(b, 'service_flag'), nodeId: wireInt(b, 'node_id'),
    host: wireStr(b, 'host'), port: wireInt(b, 'port'), username: wireStr(b, 'username', true), password: wireStr(b, 'password', true),
    dialstring: wireStr(b, 'dialstring'), settings: settingsIn(b), description: wireStr(b, 'description'), prefix: wireStr(b, 'prefix', true),
    register: wireFlag(b, 'register'), weight: signedInt(b, 'weight'), active: wireFlag(b, 'active'),
  }
}

/** Provider (§5.12): every field, never the password. */
export function providerOut(p: ProviderView) {
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
