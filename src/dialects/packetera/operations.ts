import type { OperationTable } from '../operation.ts'
import { activateMemberAccount } from './operations/2203-activate-member-account.ts'
import { addNewCard } from './operations/1101-add-new-card.ts'
import { addNewPhoneNumber } from './operations/4101-add-new-phone-number.ts'
import { addNewWebButton } from './operations/3101-add-new-web-button.ts'
import { changeTemplateTx } from './operations/5203-change-template.ts'
import { deletePhoneNumber } from './operations/4404-delete-phone-number.ts'
import { deleteWebButton } from './operations/3404-delete-web-button.ts'
import { getActivationId } from './operations/2304-get-activation-id.ts'
import { getActivationLink } from './operations/2302-get-activation-link.ts'
import { getDefaultBtnHtmlPublishLink } from './operations/3305-get-default-btn-html-publish-link.ts'
import { getDefaultBtnJavaScriptPublishLink } from './operations/3306-get-default-btn-javascript-publish-link.ts'
import { getDefaultButtonCode } from './operations/3307-get-default-button-code.ts'
import { getHtmlPublishLink } from './operations/3308-get-html-publish-link.ts'
import { getJavaScriptPublishLink } from './operations/3309-get-javascript-publish-link.ts'
import { getMemberProfileTx } from './operations/1303-get-member-profile.ts'
import { updateMemberProfile1201 } from './operations/1201-update-member-profile.ts'
import { updateMemberProfile1202 } from './operations/1202-update-member-profile.ts'
import { updatePhoneTx } from './operations/4202-update-phone.ts'
import { updateTeleformAttribute } from './operations/5202-update-teleform-attribute.ts'
import { updateWebButton } from './operations/3202-update-web-button.ts'
import { updateWebButtonAttribute } from './operations/3210-update-web-button-attribute.ts'
import { TRANSACTION_ENDPOINT, type Transaction } from './transaction.ts'

/**
 * Every transaction of spec/packetera.md §6, in its table's order. Wire id: the TransactionType code
 * alone (`'1101'`), which is what the request carries and what the endpoint looks up; the §6 name
 * opens the summary (`1101 AddNewCard: …`) and names the file (`operations/1101-add-new-card.ts`).
 * Every transaction is reached through the one endpoint (`dispatch`, endpoint.ts); 1201 and 1202 are
 * one transaction under two codes (§6 notes), each its own entry.
 */
export const PACKETERA_OPERATIONS: OperationTable<Transaction> = {
  dialect: 'packetera',
  dispatch: TRANSACTION_ENDPOINT,
  operations: [
    addNewCard, getMemberProfileTx, updateMemberProfile1201, updateMemberProfile1202,
    getActivationLink, getActivationId, activateMemberAccount,
    getDefaultButtonCode, getDefaultBtnHtmlPublishLink, getDefaultBtnJavaScriptPublishLink, getHtmlPublishLink, getJavaScriptPublishLink,
    addNewWebButton, updateWebButton, updateWebButtonAttribute, deleteWebButton,
    addNewPhoneNumber, updatePhoneTx, deletePhoneNumber,
    updateTeleformAttribute, changeTemplateTx,
  ],
}
