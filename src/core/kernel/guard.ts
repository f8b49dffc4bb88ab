import { hasPermission, type Actor } from '../actor.ts'
import { Forbidden } from '../errors.ts'

/** Throws Forbidden unless the actor holds `permission` (by prefix, spec/ictcore.md §2.4). */
export function requirePermission(actor: Actor, permission: string): void {
  if (!hasPermission(actor, permission)) throw new Forbidden(permission)
}

/** Throws Forbidden unless the actor is an admin of its tenant holding `permission`. */
export function requireAdmin(actor: Actor, permission: string): void {
  requirePermission(actor, permission)
  if (!actor.isAdmin) throw new Forbidden(permission)
}
