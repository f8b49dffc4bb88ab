import { Type } from 'typebox'
import { BodyOf, Flag, IntIn, Nullable, StrIn, StrOrNumberIn, Timestamp, WireId, FlagIn } from './wire-schemas.ts'

// Wire schemas of users, roles and permissions (spec/ictcore.md §2.1, §4.10, §5.1, §5.13); their
// codec is in ../codec.ts (`userIn`, `userOut`, `namedIn`, `roleOut`, `permissionOut`).

// Example passwords are placeholders no test uses: the suite's secret sweep flags any password it
// has seen accepted wherever it shows up, /docs/json included.
const USER_EXAMPLE = {
  user_id: 3, username: 'alice', first_name: 'Alice', last_name: 'Lee', phone: '+61291234567', email: 'alice@example.com',
  address: null, company: 'Lee Ltd', country_id: null, timezone_id: null, language_id: null, active: 1, is_admin: 0,
  date_created: 1796601600, last_updated: 1796601600,
}

/** User (§5.1): every field, never the password. */
export const UserView = Type.Object({
  user_id: WireId, username: Type.String(), first_name: Nullable(Type.String()), last_name: Nullable(Type.String()),
  phone: Nullable(Type.String()), email: Nullable(Type.String()), address: Nullable(Type.String()), company: Nullable(Type.String()),
  country_id: Nullable(Type.Integer()), timezone_id: Nullable(Type.Integer()), language_id: Nullable(Type.Integer()),
  active: Flag, is_admin: Type.Enum([0, 1], { description: '1 when the user holds user_create (§2.4)' }),
  date_created: Timestamp, last_updated: Timestamp,
}, { description: 'User (§5.1)', examples: [USER_EXAMPLE] })

/** User body of POST/PUT /users (§5.1): `username` and `passwd` required on create. */
export const UserBody = BodyOf('User (§5.1); POST requires username and passwd, PUT changes only the fields given', {
  username: StrIn('Unique, ^[A-Za-z0-9._-]{1,64}$', 'alice'),
  passwd: StrIn('Write-only, 6-128 characters', 'example-Passw0rd'),
  password: StrIn('Alias of passwd (passwd wins)'),
  email: StrIn('Unique (case-insensitive)', 'alice@example.com'),
  first_name: StrIn(), last_name: StrIn(), phone: StrOrNumberIn('Phone (a JSON number is accepted)', '+61291234567'), address: StrIn(), company: StrIn(),
  country_id: IntIn(), timezone_id: IntIn(), language_id: IntIn(), active: FlagIn('Default 1; ignored for a non-admin'),
}, { username: 'alice', passwd: 'example-Passw0rd', email: 'alice@example.com', first_name: 'Alice', phone: '+61291234567' })

/** `PUT /users/{user_id}/password` (§4.10). */
export const PasswordBody = BodyOf('The new password (6-128 characters)', {
  password: StrIn('The new password', 'example-N3w-passw0rd'), passwd: StrIn('Alias of password'),
}, { password: 'example-N3w-passw0rd' })

/** `POST /authenticate` (§2.1): the password and one identifier (the first of email, username, user_id). */
export const AuthenticateBody = BodyOf('Credentials: password and one of email, username, user_id', {
  username: Type.Optional(Type.String({ examples: ['admin'] })),
  email: Type.Optional(Type.String({ examples: ['admin@example.com'] })),
  user_id: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
  password: Type.String({ examples: ['example-Passw0rd'] }),
}, { username: 'admin', password: 'example-Passw0rd' })

/** The `POST /authenticate` reply: the User plus its Bearer token (§2.1). */
export const AuthenticateReply = Type.Object({
  ...UserView.properties,
  token: Type.String({ description: 'JWT (HS256): send as Authorization: Bearer <token>' }),
  access_token: Type.String({ description: 'The same JWT' }),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: 'Seconds until the token expires' }),
  scope: Type.Literal('All'),
}, {
  description: 'The user with a Bearer token (§2.1)',
  examples: [{ ...USER_EXAMPLE, is_admin: 1, token: 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln', access_token: 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln', token_type: 'Bearer', expires_in: 31104000, scope: 'All' }],
})

/** Role (§5.13). */
export const RoleView = Type.Object({ role_id: WireId, name: Type.String(), description: Nullable(Type.String()) },
  { description: 'Role (§5.13)', examples: [{ role_id: 3, name: 'operator', description: 'Sends campaigns' }] })
/** Permission (§5.13). */
export const PermissionView = Type.Object({ permission_id: WireId, name: Type.String(), description: Nullable(Type.String()) },
  { description: 'Permission (§5.13)', examples: [{ permission_id: 40, name: 'contact_export', description: null }] })

/** Role / Permission body (§5.13). */
export const RoleBody = BodyOf('Role (§5.13): name required on create, unique', { name: StrIn('Unique', 'operator'), description: StrIn() },
  { name: 'operator', description: 'Sends campaigns' })
export const PermissionBody = BodyOf('Permission (§5.13): name required on create, unique, ^[a-z][a-z_]*$', { name: StrIn('Unique', 'contact_export'), description: StrIn() },
  { name: 'contact_export' })
