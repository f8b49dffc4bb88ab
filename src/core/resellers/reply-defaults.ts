// Packetera's reply configuration rules (spec/packetera.md §2.2), shared by the dialect (request
// fields) and the partner settings (a partner's stored defaults): one definition of what a valid
// ResponseFormat / Delimiter / Separator / Encapsulator is and which combinations clash.

/** How a Packetera reply is written (spec/packetera.md §2.2). */
export interface ReplyConfig {
  format: 'namevalue' | 'json' | 'xml'
  delimiter: string
  separator: string
  encapsulator: string
}
export type ReplySetting = keyof ReplyConfig

/** The built-in configuration: name=value pairs joined by `&`, no encapsulator. */
export const BUILTIN_REPLY: ReplyConfig = Object.freeze({ format: 'namevalue', delimiter: '&', separator: '=', encapsulator: '' })

/** The four settings in the order they are checked. */
export const REPLY_SETTINGS: readonly ReplySetting[] = ['format', 'delimiter', 'separator', 'encapsulator']

const FORMATS = new Set(['namevalue', 'json', 'xml'])
const FORBIDDEN_CHARS = /[\p{L}\p{N}%]/u

/** One setting's value checked on its own (format lower-cased); undefined when invalid. */
export function checkReplySetting(setting: ReplySetting, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined
  if (setting === 'format') {
    const f = value.trim().toLowerCase()
    return FORMATS.has(f) ? f : undefined
  }
  const length = [...value].length
  const max = setting === 'encapsulator' ? 1 : 5
  if (length > max || FORBIDDEN_CHARS.test(value)) return undefined
  return value
}

/** The setting that breaks the combination rules of §2.2 (blaming one of `given` when it can), or null. */
export function replyClash(c: ReplyConfig, given: Partial<ReplyConfig>): ReplySetting | null {
  if (c.delimiter === c.separator) return 'separator' in given ? 'separator' : 'delimiter'
  if (c.encapsulator) {
    if (c.delimiter.includes(c.encapsulator)) return 'encapsulator' in given ? 'encapsulator' : 'delimiter'
    if (c.separator.includes(c.encapsulator)) return 'encapsulator' in given ? 'encapsulator' : 'separator'
  }
  return null
}
