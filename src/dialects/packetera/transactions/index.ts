import { activateMemberAccount, getActivationId, getActivationLink } from './activation.ts'
import { addNewCard, getMemberProfileTx, updateMemberProfile } from './members.ts'
import type { Transaction } from './transaction.ts'

/** Spec §6 transaction codes → their handlers. */
export const TRANSACTIONS: ReadonlyMap<string, Transaction> = new Map<string, Transaction>([
  ['1101', addNewCard],
  ['1303', getMemberProfileTx],
  ['1201', updateMemberProfile],
  ['1202', updateMemberProfile],
  ['2302', getActivationLink],
  ['2304', getActivationId],
  ['2203', activateMemberAccount],
])

export type { Transaction, TransactionContext } from './transaction.ts'
