import { activateMemberAccount, getActivationId, getActivationLink } from './activation.ts'
import { addNewCard, getMemberProfileTx, updateMemberProfile } from './members.ts'
import {
  addNewWebButton, changeTemplateTx, deleteWebButton, updateTeleformAttribute, updateWebButton, updateWebButtonAttribute,
} from './buttons.ts'
import { addNewPhoneNumber, deletePhoneNumber, updatePhoneTx } from './phones.ts'
import {
  getDefaultBtnHtmlPublishLink, getDefaultBtnJavaScriptPublishLink, getDefaultButtonCode, getHtmlPublishLink, getJavaScriptPublishLink,
} from './publish.ts'
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
  ['3307', getDefaultButtonCode],
  ['3305', getDefaultBtnHtmlPublishLink],
  ['3306', getDefaultBtnJavaScriptPublishLink],
  ['3308', getHtmlPublishLink],
  ['3309', getJavaScriptPublishLink],
  ['3101', addNewWebButton],
  ['3202', updateWebButton],
  ['3210', updateWebButtonAttribute],
  ['3404', deleteWebButton],
  ['4101', addNewPhoneNumber],
  ['4202', updatePhoneTx],
  ['4404', deletePhoneNumber],
  ['5202', updateTeleformAttribute],
  ['5203', changeTemplateTx],
])

export type { Transaction, TransactionContext } from './transaction.ts'
