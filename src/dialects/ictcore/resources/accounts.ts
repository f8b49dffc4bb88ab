import { Type } from 'typebox'
import { Audit, BodyOf, Flag, FlagIn, Nullable, StrIn, StrOrNumberIn, WireId } from './wire-schemas.ts'

// Wire schemas of accounts, DIDs and extensions and their settings (spec/ictcore.md §4.9, §5.2);
// the codec is in ../codec.ts (`accountIn`, `accountOut`).

/** Account (§5.2): every field, never `passwd`/`passwd_pin`. */
export const AccountView = Type.Object({
  account_id: WireId, type: Type.Enum(['account', 'did', 'extension', 'eaddress']), username: Nullable(Type.String()),
  first_name: Nullable(Type.String()), last_name: Nullable(Type.String()), phone: Nullable(Type.String()), email: Nullable(Type.String()),
  address: Nullable(Type.String()), active: Flag,
  settings: Type.Record(Type.String(), Type.String(), { description: 'Name → value (text)' }),
  programs: Type.Array(Type.Integer(), { description: 'Subscribed program ids (read-only)' }),
  ...Audit,
}, {
  description: 'Account (§5.2)',
  examples: [{
    account_id: 5, type: 'did', username: '+61291234567', first_name: null, last_name: null, phone: '+61291234567', email: null, address: null,
    active: 1, settings: { greeting: 'hello' }, programs: [9], user_id: 3, date_created: 1796601600, last_updated: 1796601600,
  }],
})

/** Account body (§5.2); `type` only matters on create (forced on /dids and /extensions). */
export const AccountBody = BodyOf('Account (§5.2): did needs phone, extension needs username and passwd, eaddress needs email', {
  type: StrIn('account | did | extension | eaddress (default account; immutable)', 'did'),
  username: StrOrNumberIn('Unique per type'), passwd: StrOrNumberIn('Write-only'), passwd_pin: StrOrNumberIn('Write-only'),
  first_name: StrIn(), last_name: StrIn(), address: StrIn(), phone: StrOrNumberIn('Phone (a JSON number is accepted)', '+61291234567'),
  email: StrIn(), active: FlagIn('Default 1'),
  settings: Type.Optional(Nullable(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]), {
    description: 'Merged into the stored settings; a key set to null is removed',
  }))),
}, { type: 'did', phone: '+61291234567', settings: { greeting: 'hello' } })

/** `{"name", "value"}` of an account setting (§4.9). */
export const SettingView = Type.Object({ name: Type.String(), value: Type.String() },
  { description: 'An account setting', examples: [{ name: 'greeting', value: 'hello' }] })

/** `PUT /accounts/{id}/settings/{name}`: `{"value": v}`, `{"data": v}` or a bare JSON scalar (§4.9). */
export const SettingBody = Type.Union([
  Type.Object({ value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]) }),
  Type.Object({ data: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]) }),
  Type.String(), Type.Number(), Type.Boolean(),
], { description: 'The value: {"value": v}, {"data": v} or a bare JSON scalar; numbers and booleans are stored as their JSON text', examples: [{ value: 'hello' }] })
