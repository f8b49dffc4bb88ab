import { Forbidden } from './errors.ts'

/**
 * Who is calling core. Every tenant-facing core function takes an Actor first and scopes its SQL
 * with it; dialects only build actors (from a JWT, an API key, a member login …).
 */
export interface Actor {
  /** The tenant: a reseller id, or null for the platform tenant. */
  readonly tenantId: number | null
  /** The logged-in user, when the caller is a user (ICTCore, member logins); null for an API key. */
  readonly userId: number | null
  /** The reseller whose API key authenticated the call, when it was one. */
  readonly resellerId: number | null
  /** Admin within the tenant: sees and acts on everything of the tenant. */
  readonly isAdmin: boolean
  /** Platform admins only: acts across every tenant. */
  readonly crossTenant: boolean
  /** Effective permission names (granted by prefix, see `hasPermission`). */
  readonly permissions: ReadonlySet<string>
}

/** An actor for a reseller authenticated by API key: admin of its own tenant, nothing else. */
export function resellerActor(resellerId: number): Actor {
  return { tenantId: resellerId, userId: null, resellerId, isAdmin: true, crossTenant: false, permissions: ALL }
}

/**
 * The tenant an operator acts for: null for the platform admin and the system (every tenant), its
 * own reseller for an administrator of a reseller's tenant; anyone else → Forbidden('reseller_admin').
 * Every operator-level core function (native API, CLI) starts here.
 */
export function operatorTenant(actor: Actor): number | null {
  if (actor.crossTenant) return null
  if (!actor.isAdmin || actor.tenantId === null) throw new Forbidden('reseller_admin')
  return actor.tenantId
}

/** The actor of internal jobs and the CLI: every tenant, every permission. */
export const systemActor: Actor = { tenantId: null, userId: null, resellerId: null, isAdmin: true, crossTenant: true, permissions: new Set(['*']) }

const ALL: ReadonlySet<string> = new Set(['*'])

/**
 * ICTCore rule: holding a name grants every name that extends it with `_…`
 * (`contact` grants `contact_create`); `*` grants everything.
 */
export function hasPermission(actor: Actor, name: string): boolean {
  return permissionSetGrants(actor.permissions, name)
}

/** Whether a set of held names grants `name` (exactly, by `_` prefix, or by `*`). */
export function permissionSetGrants(held: ReadonlySet<string>, name: string): boolean {
  if (held.has('*') || held.has(name)) return true
  for (let i = name.indexOf('_'); i > 0; i = name.indexOf('_', i + 1)) {
    if (held.has(name.slice(0, i))) return true
  }
  return false
}
