import type { Actor } from '../../../core/actor.ts'
import type { MemberRow } from '../../../core/click-to-call/index.ts'
import type { Core } from '../../../core/core.ts'
import type { Reseller } from '../../../core/resellers/index.ts'
import type { Pairs } from '../reply.ts'
import type { PacketeraInput } from '../request.ts'

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

export interface Transaction {
  name: string
  /** `none`: 2203 only; `partner`: 1101; `member`: every other. */
  auth: 'none' | 'partner' | 'member'
  /** An inactive member may run it (2302, 2304, 1303; spec §3.2 step 5). */
  inactiveAllowed?: boolean
  /** Steps 6–7: fields, rules, work; returns the success pairs after `Status`. */
  run(ctx: TransactionContext): Promise<Pairs>
}

/** The partner-scoped actor and member id of a member transaction (set by the endpoint). */
export function memberScope(ctx: TransactionContext): { actor: Actor; customerId: number } {
  if (!ctx.actor || ctx.customerId === null) throw new Error('member transaction without a member')
  return { actor: ctx.actor, customerId: ctx.customerId }
}
