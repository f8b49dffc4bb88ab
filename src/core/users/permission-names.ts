/** ICTCore permission vocabulary (spec/ictcore.md §2.4). */
export const PERMISSION_ENTITIES = [
  'user', 'role', 'permission', 'provider', 'account', 'contact', 'group', 'campaign', 'program',
  'transmission', 'spool', 'document', 'recording', 'template', 'text', 'statistic',
] as const
export const PERMISSION_VERBS = ['create', 'list', 'read', 'update', 'delete'] as const
export const SPECIAL_PERMISSIONS = ['transmission_send', 'campaign_start', 'campaign_stop', 'user_password'] as const

/** Every seeded permission name: each entity, each entity_verb, and the special ones. */
export const SEEDED_PERMISSIONS: readonly string[] = [
  ...PERMISSION_ENTITIES.flatMap((e) => [e, ...PERMISSION_VERBS.map((v) => `${e}_${v}`)]),
  ...SPECIAL_PERMISSIONS,
]

/** The built-in `admin` role holds every entity name, which grants every verb by prefix. */
export const ADMIN_ROLE_PERMISSIONS: readonly string[] = [...PERMISSION_ENTITIES]

export const USER_ROLE_PERMISSIONS: readonly string[] = [
  'contact', 'group', 'campaign', 'program', 'transmission', 'spool', 'document', 'recording', 'template', 'text', 'statistic',
  'account_list', 'account_read', 'account_update', 'user_list', 'user_read', 'user_update', 'user_password',
]

/** A user is admin iff it holds `user_create` (§2.4). */
export const ADMIN_MARKER_PERMISSION = 'user_create'
