import type { FastifyRequest } from 'fastify'
import type { Static, TObject } from 'typebox'
import type { AccountFields, AccountView } from '../../core/accounts/index.ts'
import { Invalid } from '../../core/errors.ts'
import type { ListQuery, Permission, Role, UserFields } from '../../core/users/index.ts'
import { aliasFields } from './errors.ts'
import type { AccountBody, AccountView as AccountWire } from './resources/accounts.ts'
import type { PasswordBody, PermissionBody, PermissionView, RoleBody, RoleView, UserBody, UserView } from './resources/users.ts'

/**
 * Wire ↔ core for the ICTCore dialect (spec/ictcore.md §3, §5). Wire names live only here:
 * snake_case fields, 0/1 flags, unix-second timestamps, numbers that may arrive as digit strings.
 */

type Body = Record<string, unknown>

/** The request body as an object: empty = `{}`; arrays and scalars are 412 for `body`. */
export function bodyObject(body: unknown): Body {
  if (body === undefined || body === null || body === '') return {}
  if (typeof body !== 'object' || Array.isArray(body)) throw new Invalid('body', 'must be a JSON object')
  return body as Body
}

/**
 * The request body as an object whose keys are those of its body schema: a parser that reads a
 * field the schema does not document fails to compile.
 */
export type WireBody<S extends TObject> = { readonly [K in SchemaKeys<S>]?: unknown }
/** The property names of an object schema (of every member of a union of them). */
type SchemaKeys<S extends TObject> = S extends TObject<infer P> ? keyof P & string : never

/** `bodyObject`, typed by the body schema of the operation (its keys only): `bodyOf<typeof ContactBody>(body)`. */
export function bodyOf<S extends TObject>(body: unknown): WireBody<S> {
  return bodyObject(body) as WireBody<S>
}

/** An optional string field: absent → undefined, null → null; other types → 412. */
export function wireStr<K extends string>(b: { readonly [k in K]?: unknown }, key: K, numberOk = false): string | null | undefined {
  const v: unknown = b[key]
  if (v === undefined || v === null) return v
  if (typeof v === 'string') return v
  if (numberOk && typeof v === 'number' && Number.isFinite(v)) return String(v)
  throw new Invalid(key, 'must be a string')
}

/** An optional integer field: a JSON number or a string of decimal digits (§1 "Body fields"). */
export function wireInt<K extends string>(b: { readonly [k in K]?: unknown }, key: K): number | null | undefined {
  const v: unknown = b[key]
  if (v === undefined || v === null) return v
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v
  if (typeof v === 'string' && /^[0-9]{1,15}$/.test(v)) return Number(v)
  throw new Invalid(key, 'must be a number')
}

/** A 0/1 flag (also `"0"`, `"1"`, true, false). */
export function wireFlag<K extends string>(b: { readonly [k in K]?: unknown }, key: K): boolean | null | undefined {
  const v: unknown = b[key]
  if (v === undefined || v === null) return v
  if (v === 1 || v === '1' || v === true) return true
  if (v === 0 || v === '0' || v === false) return false
  throw new Invalid(key, 'must be 0 or 1')
}

/** A timestamp on the wire: unix seconds (§3), null when unset. */
export function ts(d: Date): number
export function ts(d: Date | null | undefined): number | null
export function ts(d: Date | null | undefined): number | null {
  return d ? Math.floor(d.getTime() / 1000) : null
}
/** A boolean as the wire's 0/1 flag. */
export const bit = (b: boolean): 0 | 1 => (b ? 1 : 0)

/** User body → core fields; `passwd` wins over its alias `password`. Sets the 412 field name. */
export function userIn(req: FastifyRequest, body: unknown): UserFields {
  const b = bodyOf<typeof UserBody>(body)
  const passwordKey = b.passwd !== undefined || b.password === undefined ? 'passwd' : 'password'
  aliasFields(req, { password: passwordKey })
  return {
    username: wireStr(b, 'username'), password: wireStr(b, passwordKey), email: wireStr(b, 'email'),
    firstName: wireStr(b, 'first_name'), lastName: wireStr(b, 'last_name'), phone: wireStr(b, 'phone', true),
    address: wireStr(b, 'address'), company: wireStr(b, 'company'),
    countryId: wireInt(b, 'country_id'), timezoneId: wireInt(b, 'timezone_id'), languageId: wireInt(b, 'language_id'), active: wireFlag(b, 'active'),
  }
}

/** `{"password": …}` of `PUT /users/{id}/password` (also accepted as `passwd`). */
export function passwordIn(req: FastifyRequest, body: unknown): string | null | undefined {
  const b = bodyOf<typeof PasswordBody>(body)
  const key = b.password !== undefined || b.passwd === undefined ? 'password' : 'passwd'
  aliasFields(req, { password: key })
  return wireStr(b, key)
}

export interface UserLike {
  id: number; username: string; email: string | null; firstName: string | null; lastName: string | null; phone: string | null
  address: string | null; company: string | null; countryId: number | null; timezoneId: number | null; languageId: number | null
  active: boolean; createdAt: Date; updatedAt: Date
}

/** User (§5.1): every field, no password. */
export function userOut(u: UserLike, isAdmin: boolean): Static<typeof UserView> {
  return {
    user_id: u.id, username: u.username, first_name: u.firstName, last_name: u.lastName, phone: u.phone, email: u.email,
    address: u.address, company: u.company, country_id: u.countryId, timezone_id: u.timezoneId, language_id: u.languageId,
    active: bit(u.active), is_admin: bit(isAdmin), date_created: ts(u.createdAt), last_updated: ts(u.updatedAt),
  }
}

/** Account settings on the wire: name → string; numbers and booleans as their JSON text; null removes. */
function settingsIn(b: WireBody<typeof AccountBody>): Record<string, string | null> | null | undefined {
  const v = b.settings
  if (v === undefined || v === null) return v
  if (typeof v !== 'object' || Array.isArray(v)) throw new Invalid('settings', 'must be an object')
  const out: Record<string, string | null> = {}
  for (const [k, x] of Object.entries(v as Body)) {
    const s = settingValue(x)
    if (s === undefined) throw new Invalid('settings', 'values must be scalars')
    out[k] = s
  }
  return out
}

/** A setting value as stored: strings verbatim, numbers/booleans as JSON text, null as null. */
export function settingValue(x: unknown): string | null | undefined {
  if (x === null) return null
  if (typeof x === 'string') return x
  if (typeof x === 'number' || typeof x === 'boolean') return JSON.stringify(x)
  return undefined
}

/** Account body → core fields (`type` only matters on create). */
export function accountIn(body: unknown): AccountFields {
  const b = bodyOf<typeof AccountBody>(body)
  return {
    type: wireStr(b, 'type'), username: wireStr(b, 'username', true), passwd: wireStr(b, 'passwd', true), passwdPin: wireStr(b, 'passwd_pin', true),
    firstName: wireStr(b, 'first_name'), lastName: wireStr(b, 'last_name'), address: wireStr(b, 'address'),
    phone: wireStr(b, 'phone', true), email: wireStr(b, 'email'), active: wireFlag(b, 'active'), settings: settingsIn(b),
  }
}

/** Account (§5.2): every field, never `passwd`/`passwd_pin`. */
export function accountOut(a: AccountView): Static<typeof AccountWire> {
  return {
    account_id: a.id, type: a.type, username: a.username, first_name: a.firstName, last_name: a.lastName, phone: a.phone,
    email: a.email, address: a.address, active: bit(a.active), settings: a.settings, programs: a.programs,
    user_id: a.userId, date_created: ts(a.createdAt), last_updated: ts(a.updatedAt),
  }
}

/** Role / Permission body (§5.13). */
export function namedIn(body: unknown): { name?: string | null; description?: string | null } {
  const b = bodyOf<typeof RoleBody | typeof PermissionBody>(body)
  return { name: wireStr(b, 'name'), description: wireStr(b, 'description') }
}

export const roleOut = (r: Role): Static<typeof RoleView> => ({ role_id: r.id, name: r.name, description: r.description })
export const permissionOut = (p: Permission): Static<typeof PermissionView> => ({ permission_id: p.id, name: p.name, description: p.description })

/** List filters per collection: wire query key → core filter name (§6). */
export const USER_FILTERS: Record<string, string> = {
  user_id: 'id', active: 'active', country_id: 'countryId', timezone_id: 'timezoneId', username: 'username', first_name: 'firstName',
  last_name: 'lastName', phone: 'phone', email: 'email', address: 'address', company: 'company',
}
export const ACCOUNT_FILTERS: Record<string, string> = {
  account_id: 'id', user_id: 'userId', created_by: 'userId', type: 'type', active: 'active', username: 'username',
  first_name: 'firstName', last_name: 'lastName', phone: 'phone', email: 'email', address: 'address',
}
export const ROLE_FILTERS: Record<string, string> = { role_id: 'id', name: 'name', description: 'description' }
export const PERMISSION_FILTERS: Record<string, string> = { permission_id: 'id', name: 'name', description: 'description' }

/**
 * Query string → core list query: whitelisted keys only, a repeated key uses its last value,
 * `limit`/`offset` for paging. Core errors name the wire key again.
 */
export function listQueryIn(req: FastifyRequest, query: Record<string, unknown>, keys: Record<string, string>): ListQuery {
  const last = (v: unknown): string | undefined => (Array.isArray(v) ? last(v[v.length - 1]) : typeof v === 'string' ? v : undefined)
  const filters: Record<string, string | undefined> = {}
  const aliases: Record<string, string> = {}
  // `after` / `before` bound the creation time of every collection (§6).
  for (const [wire, core] of Object.entries({ ...keys, after: 'after', before: 'before' })) {
    const v = last(query[wire])
    if (v === undefined) continue
    // `user_id` wins over its alias `created_by` when both are given.
    if (filters[core] !== undefined && wire === 'created_by') continue
    filters[core] = v
    aliases[core] = wire
  }
  aliasFields(req, aliases)
  return { filters, limit: last(query.limit), offset: last(query.offset) }
}
