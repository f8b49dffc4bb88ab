import type { CommandOptions } from './command.ts'
import { CliError } from './output.ts'
import { table } from './operator.ts'

// What the catalogue commands (product group, subscription, product feature, account, huntgroup)
// share: the feature options and how service accounts, features and hunt groups read for people.

/** `--off` and `--set` of the feature commands. */
export const FEATURE_OPTIONS = {
  off: { type: 'boolean', description: 'turn the feature off (default: on)' },
  set: { type: 'string', value: 'ATTR=VALUE', multiple: true, description: 'an attribute value; repeat for several values or attributes' },
} as const satisfies CommandOptions

/** The body of `PUT …/features/:name` from `--off` and `--set a=v` (repeated). */
export function featureBody(values: { off?: boolean; set?: string[] }): { enabled: boolean; attributes: Record<string, string[]> } {
  const attributes: Record<string, string[]> = {}
  for (const pair of values.set ?? []) {
    const at = pair.indexOf('=')
    if (at < 1) throw new CliError('--set must be ATTR=VALUE')
    const name = pair.slice(0, at)
    attributes[name] = [...(attributes[name] ?? []), pair.slice(at + 1)]
  }
  return { enabled: !values.off, attributes }
}

export interface FeatureSetting { name: string; enabled: boolean; attributes: Record<string, string[]> }

/** One line per feature: `voice_mail on email=a@b`. */
export function featureLines(features: FeatureSetting[], empty: string): string {
  return table(['feature', 'state', 'attributes'], features.map((f) => [f.name, f.enabled ? 'on' : 'off',
    Object.entries(f.attributes).map(([k, v]) => `${k}=${v.join(',')}`).join(' ') || '-']), empty)
}

export interface ServiceAccount {
  id: number; resellerId: number; customerId: number; kind: string; login: string | null; productId: number | null; billingModel: string
  currency: string | null; balance: string; creditLimit: string; blocked: boolean; closedAt: string | null; extensionNumber: string | null
}

/** An account on one line: `account 12 (sip ann.sip) of customer 5: product 7, postpaid, balance 12.5 GBP`. */
export function accountLine(a: ServiceAccount): string {
  const state = a.closedAt ? ', closed' : a.blocked ? ', blocked' : ''
  return `account ${a.id} (${a.kind} ${a.login ?? '-'}) of customer ${a.customerId}: product ${a.productId ?? '-'}, ${a.billingModel}, balance ${a.balance}${a.currency ? ` ${a.currency}` : ''}${state}`
}

/** Accounts as a table. */
export function accountTable(items: ServiceAccount[], total: number): string {
  return table(['id', 'customer', 'kind', 'login', 'product', 'billing', 'balance', 'ext', 'state'], items.map((a) => [
    a.id, a.customerId, a.kind, a.login, a.productId, a.billingModel, `${a.balance}${a.currency ? ` ${a.currency}` : ''}`, a.extensionNumber,
    a.closedAt ? 'closed' : a.blocked ? 'blocked' : 'active',
  ]), 'no accounts', total)
}

export interface HuntGroup {
  id: number; customerId: number; name: string; number: string; sequence: string; active: boolean; pickupAllowed: boolean; keepOriginalCli: boolean
  members: { id: number; accountId: number; extensionNumber: string | null; huntOrder: number; delaySeconds: number; timeoutSeconds: number; primaryGroup: boolean }[]
}

/** A hunt group and its members in hunt order. */
export function huntGroupText(g: HuntGroup): string {
  const head = `hunt group ${g.id} "${g.name}" (${g.number}) of customer ${g.customerId}: ${g.sequence}${g.active ? '' : ', inactive'}${g.pickupAllowed ? ', pickup allowed' : ''}${g.keepOriginalCli ? ', keeps original CLI' : ''}`
  return `${head}\n${table(['member', 'order', 'account', 'ext', 'delay', 'timeout', 'primary'], g.members.map((m) => [
    m.id, m.huntOrder, m.accountId, m.extensionNumber, `${m.delaySeconds}s`, `${m.timeoutSeconds}s`, m.primaryGroup ? 'yes' : 'no']), '(no members)')}`
}

/** `--yes`/`--no` style flag values: `yes`/`no` → boolean. */
export function yesNo(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined
  if (value === 'yes' || value === 'no') return value === 'yes'
  throw new CliError(`--${name} must be yes or no`)
}
