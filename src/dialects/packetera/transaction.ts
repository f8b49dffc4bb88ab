import type { Actor } from '../../core/actor.ts'
import type { MemberRow } from '../../core/click-to-call/index.ts'
import type { Core } from '../../core/core.ts'
import type { Reseller } from '../../core/resellers/index.ts'
import type { DialectOperation, DispatchRoute } from '../operation.ts'
import type { Pairs } from './reply.ts'
import type { PacketeraInput } from './request.ts'

// A Packetera transaction (spec/packetera.md §6): what runs once the endpoint has settled the reply
// configuration, the transaction, the mandatory fields, the partner and the member (§3.2 steps 1–5).

/** What a transaction runs with once steps 1–5 of §3.2 have passed. */
export interface TransactionContext {
  core: Core
  input: PacketeraInput
  /** `<base><prefix>` for absolute links (spec §1). */
  linkBase: string
  /** The partner (null only for 2203, which carries no credentials). */
  partner: Reseller | null
  actor: Actor | null
  /** The logged-in member's customer id (member transactions). */
  customerId: number | null
  /** The member's row, loaded for transactions that an inactive member may not run. */
  member: MemberRow | null
  /** Answer with this partner's stored reply defaults (2203 learns its partner late). */
  useReplyDefaultsOf(settings: Record<string, unknown>): void
}

/** How a transaction is served: which logins it needs, and steps 6–7 of §3.2. */
export interface Transaction {
  /** `none`: 2203 only; `partner`: 1101; `member`: every other. */
  auth: 'none' | 'partner' | 'member'
  /** An inactive member may run it (2302, 2304, 1303; spec §3.2 step 5). */
  inactiveAllowed?: boolean
  /** Steps 6–7: fields, rules, work; returns the success pairs after `Status`. */
  run(ctx: TransactionContext): Promise<Pairs>
}

/** The one endpoint every transaction is reached through, GET query or POST form (spec §1, §2). */
export const TRANSACTION_ENDPOINT: DispatchRoute = { methods: ['GET', 'POST'], path: '/cbc_APIs.aspx' }

/** A transaction: wire id = its TransactionType code; methods and path = the endpoint's. */
export type PacketeraOperation = DialectOperation<Transaction>

/** Declares a transaction from its §6 code and name; the summary reads `<code> <Name>: <what it does>`. */
export function transaction(tx: { code: string; name: string; what: string } & Transaction): PacketeraOperation {
  const { code, name, what, ...serve } = tx
  return { wireId: code, methods: TRANSACTION_ENDPOINT.methods, path: TRANSACTION_ENDPOINT.path, summary: `${code} ${name}: ${what}`, serve }
}

/** The partner-scoped actor and member id of a member transaction (set by the endpoint). */
export function memberScope(ctx: TransactionContext): { actor: Actor; customerId: number } {
  if (!ctx.actor || ctx.customerId === null) throw new Error('member transaction without a member')
  return { actor: ctx.actor, customerId: ctx.customerId }
}
