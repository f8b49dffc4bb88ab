import type { OperationTable } from '../operation.ts'
import { appendDocumentMediaOp } from './operations/append-document-media.ts'
import { authenticateOp } from './operations/authenticate.ts'
import { cancelAuthenticationOp } from './operations/cancel-authentication.ts'
import { cancelCampaignSchedulesOp } from './operations/cancel-campaign-schedules.ts'
import { cancelCampaignSchedulesIctfaxOp } from './operations/cancel-campaign-schedules-ictfax.ts'
import { changeUserPasswordOp } from './operations/change-user-password.ts'
import { clearAccountOwnerOp } from './operations/clear-account-owner.ts'
import { cloneTransmissionOp } from './operations/clone-transmission.ts'
import { createAccountOp } from './operations/create-account.ts'
import { createAccountProgramOp } from './operations/create-account-program.ts'
import { createCampaignOp } from './operations/create-campaign.ts'
import { createContactOp } from './operations/create-contact.ts'
import { createDidOp } from './operations/create-did.ts'
import { createDocumentOp } from './operations/create-document.ts'
import { createExtensionOp } from './operations/create-extension.ts'
import { createGroupOp } from './operations/create-group.ts'
import { createPermissionOp } from './operations/create-permission.ts'
import { createProgramOp } from './operations/create-program.ts'
import { createProgramOfTypeOp } from './operations/create-program-of-type.ts'
import { createProgramTransmissionOp } from './operations/create-program-transmission.ts'
import { createProgramWithTransmissionOp } from './operations/create-program-with-transmission.ts'
import { createProviderOp } from './operations/create-provider.ts'
import { createRecordingOp } from './operations/create-recording.ts'
import { createRoleOp } from './operations/create-role.ts'
import { createTemplateOp } from './operations/create-template.ts'
import { createTextOp } from './operations/create-text.ts'
import { createTransmissionOp } from './operations/create-transmission.ts'
import { createUserOp } from './operations/create-user.ts'
import { deleteAccountOp } from './operations/delete-account.ts'
import { deleteAccountSettingOp } from './operations/delete-account-setting.ts'
import { deleteCampaignOp } from './operations/delete-campaign.ts'
import { deleteContactOp } from './operations/delete-contact.ts'
import { deleteDidOp } from './operations/delete-did.ts'
import { deleteDocumentOp } from './operations/delete-document.ts'
import { deleteExtensionOp } from './operations/delete-extension.ts'
import { deleteGroupOp } from './operations/delete-group.ts'
import { deletePermissionOp } from './operations/delete-permission.ts'
import { deleteProgramOp } from './operations/delete-program.ts'
import { deleteProviderOp } from './operations/delete-provider.ts'
import { deleteRecordingOp } from './operations/delete-recording.ts'
import { deleteRoleOp } from './operations/delete-role.ts'
import { deleteTemplateOp } from './operations/delete-template.ts'
import { deleteTextOp } from './operations/delete-text.ts'
import { deleteTransmissionOp } from './operations/delete-transmission.ts'
import { deleteUserOp } from './operations/delete-user.ts'
import { downloadDocumentMediaOp } from './operations/download-document-media.ts'
import { downloadRecordingMediaOp } from './operations/download-recording-media.ts'
import { downloadTemplateMediaOp } from './operations/download-template-media.ts'
import { exportGroupCsvOp } from './operations/export-group-csv.ts'
import { getAccountOp } from './operations/get-account.ts'
import { getAccountSettingOp } from './operations/get-account-setting.ts'
import { getCampaignOp } from './operations/get-campaign.ts'
import { getContactOp } from './operations/get-contact.ts'
import { getDidOp } from './operations/get-did.ts'
import { getDocumentOp } from './operations/get-document.ts'
import { getExtensionOp } from './operations/get-extension.ts'
import { getGroupOp } from './operations/get-group.ts'
import { getGroupCsvReportOp } from './operations/get-group-csv-report.ts'
import { getPermissionOp } from './operations/get-permission.ts'
import { getProgramOp } from './operations/get-program.ts'
import { getProviderOp } from './operations/get-provider.ts'
import { getRecordingOp } from './operations/get-recording.ts'
import { getRoleOp } from './operations/get-role.ts'
import { getSampleCsvOp } from './operations/get-sample-csv.ts'
import { getSpoolOp } from './operations/get-spool.ts'
import { getSpoolStatusOp } from './operations/get-spool-status.ts'
import { getStatisticsOp } from './operations/get-statistics.ts'
import { getTemplateOp } from './operations/get-template.ts'
import { getTextOp } from './operations/get-text.ts'
import { getTransmissionOp } from './operations/get-transmission.ts'
import { getTransmissionStatusOp } from './operations/get-transmission-status.ts'
import { getUserOp } from './operations/get-user.ts'
import { grantRolePermissionOp } from './operations/grant-role-permission.ts'
import { grantUserPermissionOp } from './operations/grant-user-permission.ts'
import { grantUserRoleOp } from './operations/grant-user-role.ts'
import { importGroupCsvOp } from './operations/import-group-csv.ts'
import { linkContactOp } from './operations/link-contact.ts'
import { listAccountsOp } from './operations/list-accounts.ts'
import { listCallsOp } from './operations/list-calls.ts'
import { listCampaignsOp } from './operations/list-campaigns.ts'
import { listContactsOp } from './operations/list-contacts.ts'
import { listDidsOp } from './operations/list-dids.ts'
import { listDocumentsOp } from './operations/list-documents.ts'
import { listEmailsOp } from './operations/list-emails.ts'
import { listExtensionsOp } from './operations/list-extensions.ts'
import { listFaxesOp } from './operations/list-faxes.ts'
import { listGroupContactsOp } from './operations/list-group-contacts.ts'
import { listGroupsOp } from './operations/list-groups.ts'
import { listPermissionsOp } from './operations/list-permissions.ts'
import { listProgramTransmissionsOp } from './operations/list-program-transmissions.ts'
import { listProgramsOp } from './operations/list-programs.ts'
import { listProgramsOfTypeOp } from './operations/list-programs-of-type.ts'
import { listProvidersOp } from './operations/list-providers.ts'
import { listRecordingsOp } from './operations/list-recordings.ts'
import { listRolePermissionsOp } from './operations/list-role-permissions.ts'
import { listRolesOp } from './operations/list-roles.ts'
import { listSmsesOp } from './operations/list-smses.ts'
import { listSpoolResultsOp } from './operations/list-spool-results.ts'
import { listSpoolsOp } from './operations/list-spools.ts'
import { listTemplatesOp } from './operations/list-templates.ts'
import { listTextsOp } from './operations/list-texts.ts'
import { listTransmissionResultsOp } from './operations/list-transmission-results.ts'
import { listTransmissionSpoolsOp } from './operations/list-transmission-spools.ts'
import { listTransmissionsOp } from './operations/list-transmissions.ts'
import { listUserAccountsOp } from './operations/list-user-accounts.ts'
import { listUserPermissionsOp } from './operations/list-user-permissions.ts'
import { listUserRolesOp } from './operations/list-user-roles.ts'
import { listUsersOp } from './operations/list-users.ts'
import { putAccountSettingOp } from './operations/put-account-setting.ts'
import { replaceDocumentMediaOp } from './operations/replace-document-media.ts'
import { replaceRecordingMediaOp } from './operations/replace-recording-media.ts'
import { replaceTemplateMediaOp } from './operations/replace-template-media.ts'
import { retryTransmissionOp } from './operations/retry-transmission.ts'
import { revokeRolePermissionOp } from './operations/revoke-role-permission.ts'
import { revokeUserPermissionOp } from './operations/revoke-user-permission.ts'
import { revokeUserRoleOp } from './operations/revoke-user-role.ts'
import { scheduleCampaignStartOp } from './operations/schedule-campaign-start.ts'
import { scheduleCampaignStopOp } from './operations/schedule-campaign-stop.ts'
import { scheduleTransmissionOp } from './operations/schedule-transmission.ts'
import { sendTransmissionOp } from './operations/send-transmission.ts'
import { setAccountOwnerOp } from './operations/set-account-owner.ts'
import { startCampaignOp } from './operations/start-campaign.ts'
import { stopCampaignOp } from './operations/stop-campaign.ts'
import { subscribeAccountProgramOp } from './operations/subscribe-account-program.ts'
import { unlinkContactOp } from './operations/unlink-contact.ts'
import { unscheduleTransmissionOp } from './operations/unschedule-transmission.ts'
import { unsubscribeAccountProgramOp } from './operations/unsubscribe-account-program.ts'
import { unsubscribeAccountProgramTypeOp } from './operations/unsubscribe-account-program-type.ts'
import { unsubscribeAllAccountProgramsOp } from './operations/unsubscribe-all-account-programs.ts'
import { updateAccountOp } from './operations/update-account.ts'
import { updateCampaignOp } from './operations/update-campaign.ts'
import { updateContactOp } from './operations/update-contact.ts'
import { updateDidOp } from './operations/update-did.ts'
import { updateDocumentOp } from './operations/update-document.ts'
import { updateExtensionOp } from './operations/update-extension.ts'
import { updateGroupOp } from './operations/update-group.ts'
import { updatePermissionOp } from './operations/update-permission.ts'
import { updateProgramOp } from './operations/update-program.ts'
import { updateProviderOp } from './operations/update-provider.ts'
import { updateRecordingOp } from './operations/update-recording.ts'
import { updateRoleOp } from './operations/update-role.ts'
import { updateTemplateOp } from './operations/update-template.ts'
import { updateTextOp } from './operations/update-text.ts'
import { updateTransmissionOp } from './operations/update-transmission.ts'
import { updateUserOp } from './operations/update-user.ts'
import type { IctcoreServe } from './router.ts'

/**
 * Every operation of the ICTCore REST dialect (spec/ictcore.md §2, §4, §8–§10), in the order the
 * router registers them (the first of two routes of one Fastify path shape names it in /docs).
 */
export const ICTCORE_OPERATIONS: OperationTable<IctcoreServe> = {
  dialect: 'ictcore',
  operations: [
    authenticateOp,
    cancelAuthenticationOp,
    createUserOp, listUsersOp, getUserOp, updateUserOp, deleteUserOp, changeUserPasswordOp, listUserRolesOp, grantUserRoleOp, grantUserPermissionOp,
    revokeUserRoleOp, revokeUserPermissionOp, listUserPermissionsOp, listUserAccountsOp, createRoleOp, listRolesOp, getRoleOp, updateRoleOp,
    deleteRoleOp, listRolePermissionsOp, grantRolePermissionOp, revokeRolePermissionOp, createPermissionOp, listPermissionsOp, getPermissionOp,
    updatePermissionOp, deletePermissionOp,
    createAccountOp, listAccountsOp, getAccountOp, updateAccountOp, deleteAccountOp, createDidOp, listDidsOp, getDidOp, updateDidOp, deleteDidOp,
    createExtensionOp, listExtensionsOp, getExtensionOp, updateExtensionOp, deleteExtensionOp, setAccountOwnerOp, clearAccountOwnerOp,
    getAccountSettingOp, putAccountSettingOp, deleteAccountSettingOp,
    listProgramsOp, createProgramOp, getProgramOp, updateProgramOp, deleteProgramOp, listProgramsOfTypeOp,
    createProgramOfTypeOp,
    subscribeAccountProgramOp, createAccountProgramOp, unsubscribeAccountProgramOp, unsubscribeAccountProgramTypeOp, unsubscribeAllAccountProgramsOp,
    createProviderOp, listProvidersOp, getProviderOp, updateProviderOp, deleteProviderOp,
    getStatisticsOp,
    createContactOp, listContactsOp, getContactOp, updateContactOp, deleteContactOp, linkContactOp, unlinkContactOp,
    createGroupOp, listGroupsOp, getGroupOp, updateGroupOp, deleteGroupOp, listGroupContactsOp,
    importGroupCsvOp, getGroupCsvReportOp, exportGroupCsvOp, getSampleCsvOp,
    createDocumentOp, listDocumentsOp, getDocumentOp, updateDocumentOp, deleteDocumentOp, createRecordingOp, listRecordingsOp, getRecordingOp,
    updateRecordingOp, deleteRecordingOp, createTemplateOp, listTemplatesOp, getTemplateOp, updateTemplateOp, deleteTemplateOp, createTextOp,
    listTextsOp, getTextOp, updateTextOp, deleteTextOp,
    replaceDocumentMediaOp, appendDocumentMediaOp, downloadDocumentMediaOp, replaceRecordingMediaOp, downloadRecordingMediaOp,
    replaceTemplateMediaOp, downloadTemplateMediaOp,
    createTransmissionOp, listTransmissionsOp, listCallsOp, listFaxesOp, listSmsesOp, listEmailsOp, getTransmissionOp, updateTransmissionOp,
    deleteTransmissionOp, sendTransmissionOp, retryTransmissionOp, scheduleTransmissionOp, unscheduleTransmissionOp, cloneTransmissionOp,
    listProgramTransmissionsOp, createProgramTransmissionOp, createProgramWithTransmissionOp,
    getTransmissionStatusOp, listTransmissionSpoolsOp, listTransmissionResultsOp, listSpoolsOp, getSpoolOp, getSpoolStatusOp, listSpoolResultsOp,
    createCampaignOp, listCampaignsOp, getCampaignOp, updateCampaignOp, deleteCampaignOp, startCampaignOp, stopCampaignOp, scheduleCampaignStartOp,
    scheduleCampaignStopOp, cancelCampaignSchedulesOp, cancelCampaignSchedulesIctfaxOp,
  ],
}
