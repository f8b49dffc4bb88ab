// Resellers (partners, tenants) and their API keys.
export * from './resellers.ts'
export { resellers, apiKeys } from './resellers.table.ts'
export {
  readPartnerSettings, getPartnerSettings, updatePartnerSettings, partnerSecret, partnerBackorder, backorderPoolKey, storedReplyDefaults,
  PARTNER_DEFAULTS, PARTNER_SETTING_NAMES, SECRET_SETTINGS, PACKETERA_REPLY_KEY,
  type PartnerSettings, type PartnerSettingName, type SecretSettingName, type PartnerSettingsView, type PartnerSettingsPatch,
} from './partner-settings.ts'
export { BUILTIN_REPLY, checkReplySetting, replyClash, type ReplyConfig, type ReplySetting } from './reply-defaults.ts'
