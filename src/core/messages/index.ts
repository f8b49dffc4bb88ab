// Messages: documents, recordings, templates, texts and their media (ICTCore §4.7, §5.5, §5.6, §9).
export * from './messages.ts'
export * from './media.ts'
export * from './media-types.ts'
export { documents, recordings, templates, texts, messageMedia } from './messages.table.ts'
