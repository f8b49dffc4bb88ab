// Click-to-call: members (customer extras), their phones and web buttons (Packetera's domain).
export * from './members.ts'
export * from './defaults.ts'
export * from './identifiers.ts'
export * from './templates.ts'
export { clickToCallMembers, memberPhones, webButtons, type TeleformAttributes } from './click-to-call.table.ts'
export * from './phones.ts'
export * from './buttons.ts'
export * from './button-attributes.ts'
