// Contacts and contact groups (ICTCore Contact / Group), CSV import and export.
export * from './contacts.ts'
export * from './groups.ts'
export * from './csv.ts'
export { contacts, contactGroups, groupContacts, groupCsvImports } from './contacts.table.ts'
