import assert from 'node:assert/strict'
import type { HTTPMethods, InjectOptions, LightMyRequestResponse } from 'fastify'
import type { DialectName } from '../../../src/dialects/operation.ts'
import type { Fixture, Objects, Principal } from './fixture.ts'

// Issue 13 point 8: the shape of the tenant matrix's entry table. Every operation of
// listDialectOperations() has an entry keyed `${dialect} ${wireId}`: one or more cases, each saying
// how to call the operation against A's objects as another principal and what that principal must get.

/**
 * How an operation relates to another principal's objects:
 * - `target`: names an object of A's user 1 (or of reseller A) in its path or wire params → the dialect's not-found (forbidden where the spec says so);
 * - `reference`: creates in the caller's own tenant but names A's objects in the body → refused naming the field;
 * - `list`: lists the caller's own objects → A's ids are absent;
 * - `self`: reads the caller's own identity (Packetera member, own login) → nothing of A in the answer;
 * - `aggregate`: counts over the caller's scope → A's objects are not counted;
 * - `static`: names no object at all (a sample file, a catalogue);
 * - `platform-only`: the native API serves platform admins only → every tenant principal is refused;
 * - `capability`: the wire id is itself the credential (spec), so any holder may use it; A's object is left as it was;
 * - `create`: creates in the caller's own tenant, naming nothing of A → A's rows unchanged;
 * - `self-write`: changes the caller's own identity (own profile, own token) → A's rows unchanged.
 * All but the last two write nothing: the whole database is unchanged after them.
 */
export type Kind = 'target' | 'reference' | 'list' | 'self' | 'aggregate' | 'static' | 'platform-only' | 'capability' | 'create' | 'self-write'

/** Kinds that legitimately write, in the caller's own tenant or identity only (phase 2). */
export const WRITING_KINDS: ReadonlySet<Kind> = new Set(['create', 'self-write'])

/** The answer to one replayed request. */
export interface Answer { status: number; body: string; json: () => unknown; res: LightMyRequestResponse }

export interface MatrixCase {
  kind: Kind
  /** For a case that is not `target`: why the operation names no object of A (or names it legitimately). */
  why?: string
  /** A short label when an entry has several cases. */
  label?: string
  /** Which of the operation's methods replay this case (default: all); for creates that may run once per principal. */
  methods?: readonly HTTPMethods[]
  /** Which foreign principals this case replays with (default: the dialect's, see `dialectPrincipals`). */
  principals?: (p: Principal) => boolean
  /** The request (credentials of `p` included) for one method of the operation at `path` (its table pattern). */
  request: (o: Objects, p: Principal, method: HTTPMethods, fx: Fixture, path: string) => InjectOptions
  /** Asserts the answer is what `p` must get (`inject` sends a follow-up request, e.g. to read what a create made). */
  check: (a: Answer, o: Objects, p: Principal, inject: (req: InjectOptions) => Promise<Answer>) => void | Promise<void>
  /**
   * A control for a read-only request (GET of a read): the same request as A's user 1 (`owner`) or
   * A's admin and reseller A (`admin`) succeeds and `check`s, which proves the case names A's real objects.
   */
  control?: { as: 'owner' | 'admin'; check: (a: Answer, o: Objects) => void }
}

export type MatrixEntry = MatrixCase[]

/**
 * The foreign principals each dialect knows (every principal but A's admin and A's user 1):
 * ICTCore and the native API: users with a login (B's admin and users; A's user 2, since ICTCore
 * isolates users inside a tenant, spec/ictcore.md §2.4). Packetera: members (B's two, and A's user 2:
 * a member sees only its own phones and buttons, spec/packetera.md §4). ResellerClub, Porta, Delacon:
 * only the reseller's API key is a principal (spec §2.3, §1, §2), so B's admin stands for reseller B.
 */
export function dialectPrincipals(dialect: DialectName): (p: Principal) => boolean {
  switch (dialect) {
    case 'ictcore': case 'native': return () => true
    case 'packetera': return (p) => p.member !== undefined
    case 'resellerclub': case 'porta': case 'delacon': return (p) => p.tenant === 'B' && p.role === 'admin'
  }
}

/** `a` as JSON (fails naming the body when it is not). */
export function json<T = unknown>(a: Answer): T {
  try { return a.json() as T } catch { assert.fail(`not JSON: ${a.status} ${a.body.slice(0, 200)}`) }
}

/** Whether `text` mentions a value as a whole token (ids: not as part of a longer number). */
export function mentions(text: string, value: string | number): boolean {
  return new RegExp(`(^|[^0-9A-Za-z])${String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^0-9A-Za-z]|$)`).test(text)
}
