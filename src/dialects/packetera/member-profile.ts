import { updateMemberName } from '../../core/click-to-call/index.ts'
import { optionalField, plainText } from './fields.ts'
import type { Pairs } from './reply.ts'
import { memberScope, type TransactionContext } from './transaction.ts'

/**
 * UpdateMemberProfile, which spec §6 gives two codes (1201 upstream, 1202 in its sample): first
 * and/or last name (neither → success, no change).
 */
export async function updateMemberProfile(ctx: TransactionContext): Promise<Pairs> {
  const { actor, customerId } = memberScope(ctx)
  const firstName = plainText('FirstName', optionalField(ctx.input, 'FirstName', 50))
  const lastName = plainText('LastName', optionalField(ctx.input, 'LastName', 50))
  await updateMemberName(ctx.core, actor, customerId, { firstName, lastName })
  return [['MemberID', String(customerId)]]
}
