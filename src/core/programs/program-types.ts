import type { ProgramParams, ProgramType } from './programs.table.ts'

/** Service flags (bitmask): voice 1, fax 2, sms 4, email 8 (spec/ictcore.md §5). */
export const SERVICE = { voice: 1, fax: 2, sms: 4, email: 8 } as const

export interface ProgramTypeInfo {
  serviceFlag: number
  direction: 'outbound' | 'inbound'
  /** The compiled step list; `child:<type>` runs a child program of that type (parent_id set). */
  steps: readonly string[]
  /** Parameters the type accepts (besides `accountId`, which every type takes). */
  params: readonly (keyof ProgramParams)[]
  /** Required parameters; a group of several means "one of them". */
  required: readonly (readonly (keyof ProgramParams)[])[]
  /** The step whose success makes an attempt succeed (§7.4 "Success rule"). */
  success: readonly string[]
}

/** Program types of spec/ictcore.md §7.4. `agent` and `ivr` are recognised but not implemented. */
export const PROGRAM_TYPES: Readonly<Record<ProgramType, ProgramTypeInfo>> = {
  sendfax: { serviceFlag: SERVICE.fax, direction: 'outbound', steps: ['originate', 'fax_send', 'disconnect'], params: ['documentId'], required: [['documentId']], success: ['fax_send'] },
  voicemessage: { serviceFlag: SERVICE.voice, direction: 'outbound', steps: ['originate', 'voice_play', 'disconnect'], params: ['recordingId'], required: [['recordingId']], success: ['originate', 'voice_play'] },
  voicetts: { serviceFlag: SERVICE.voice, direction: 'outbound', steps: ['originate', 'tts', 'disconnect'], params: ['text', 'textId'], required: [['text', 'textId']], success: ['originate', 'tts'] },
  sendsms: { serviceFlag: SERVICE.sms, direction: 'outbound', steps: ['sms_send'], params: ['textId'], required: [['textId']], success: ['sms_send'] },
  sendemail: { serviceFlag: SERVICE.email, direction: 'outbound', steps: ['email_send'], params: ['templateId'], required: [['templateId']], success: ['email_send'] },
  receivefax: { serviceFlag: SERVICE.fax, direction: 'inbound', steps: ['inbound', 'connect', 'fax_receive', 'disconnect'], params: [], required: [], success: ['fax_receive'] },
  faxtoemail: { serviceFlag: SERVICE.fax, direction: 'inbound', steps: ['inbound', 'connect', 'fax_receive', 'disconnect', 'child:sendemail'], params: ['email'], required: [], success: ['fax_receive'] },
  receivesms: { serviceFlag: SERVICE.sms, direction: 'inbound', steps: ['sms_receive'], params: [], required: [], success: ['sms_receive'] },
  receiveemail: { serviceFlag: SERVICE.email, direction: 'inbound', steps: ['email_receive'], params: [], required: [], success: ['email_receive'] },
  emailtofax: { serviceFlag: SERVICE.email, direction: 'inbound', steps: ['email_receive', 'child:sendfax'], params: [], required: [], success: ['email_receive'] },
  forward: { serviceFlag: SERVICE.voice, direction: 'inbound', steps: ['inbound', 'connect', 'transfer', 'disconnect'], params: ['extensionId'], required: [['extensionId']], success: ['transfer'] },
  // Two legs (spec/packetera.md §9): the account's phone first, which hears `text`; then the
  // contact, bridged to it. Packetera's callback requests are transmissions of this type.
  callback: { serviceFlag: SERVICE.voice, direction: 'outbound', steps: ['originate', 'tts', 'dial', 'bridge', 'disconnect'], params: ['text'], required: [], success: ['originate', 'bridge'] },
}

/** Types the guide names that this server recognises but does not implement (→ 501 in ICTCore). */
export const UNIMPLEMENTED_PROGRAM_TYPES: readonly string[] = ['agent', 'ivr']

export function isProgramType(name: string): name is ProgramType {
  return Object.hasOwn(PROGRAM_TYPES, name)
}
