/**
 * Media types a message accepts (spec/ictcore.md §9), as MIME type → file extension. Core takes a
 * MIME type with the bytes; how a dialect learns it (header, multipart, sniffing) is its business.
 */

export type MediaKind = 'document' | 'recording' | 'template'

export const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/tiff': 'tif',
  'image/x-tiff': 'tif',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/x-citrix-jpeg': 'jpg',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.presentation': 'odp',
}

export const RECORDING_TYPES: Readonly<Record<string, string>> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/x-gsm': 'gsm',
  'audio/gsm': 'gsm',
  'audio/mpeg': 'mp3',
  'audio/mpeg3': 'mp3',
  'audio/x-mpeg-3': 'mp3',
  'audio/mp3': 'mp3',
}

/** Extensions of common attachment types; templates accept any type (unknown ones are `bin`). */
const OTHER_TYPES: Readonly<Record<string, string>> = {
  'application/octet-stream': 'bin',
  'application/zip': 'zip',
  'application/json': 'json',
  'application/xml': 'xml',
  'application/rtf': 'rtf',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/csv': 'csv',
  'text/xml': 'xml',
  'text/calendar': 'ics',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'image/bmp': 'bmp',
  'audio/ogg': 'ogg',
  'video/mp4': 'mp4',
}

const MIME = /^[a-z0-9!#$&^_.+-]{1,127}\/[a-z0-9!#$&^_.+-]{1,127}$/

/** A MIME type without parameters, lower-cased; null when it is not `type/subtype`. */
export function normalizeMime(mime: string): string | null {
  const m = mime.split(';')[0]!.trim().toLowerCase()
  return MIME.test(m) ? m : null
}

/** The stored extension for a MIME type of this kind, or null when the kind does not accept it. */
export function mediaExtension(kind: MediaKind, mime: string): string | null {
  const m = normalizeMime(mime)
  if (!m) return null
  if (kind === 'document') return DOCUMENT_TYPES[m] ?? null
  if (kind === 'recording') return RECORDING_TYPES[m] ?? null
  return DOCUMENT_TYPES[m] ?? RECORDING_TYPES[m] ?? OTHER_TYPES[m] ?? 'bin'
}

/** The MIME type a stored extension is served with (the first type mapping to it). */
export function mimeOfExtension(ext: string): string {
  for (const table of [DOCUMENT_TYPES, RECORDING_TYPES, OTHER_TYPES]) {
    for (const [mime, e] of Object.entries(table)) if (e === ext) return mime
  }
  return 'application/octet-stream'
}

/**
 * The media type of a file by its first bytes (pdf, tif, png, jpg, wav, mp3), or null. Used for
 * `application/octet-stream` uploads (§9).
 */
export function sniffMime(bytes: Uint8Array): string | null {
  const at = (i: number, ...b: number[]) => b.every((x, k) => bytes[i + k] === x)
  const ascii = (i: number, s: string) => at(i, ...[...s].map((c) => c.charCodeAt(0)))
  if (ascii(0, '%PDF')) return 'application/pdf'
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff'
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return 'image/png'
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'audio/wav'
  if (ascii(0, 'ID3')) return 'audio/mpeg'
  // An MPEG audio frame header: 11 sync bits, a valid version, layer III and a bitrate index that is not "bad".
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && (bytes[1]! & 0x18) !== 0x08 && (bytes[1]! & 0x06) === 0x02) {
    const b2 = bytes[2]
    if (b2 === undefined || (b2 & 0xf0) !== 0xf0) return 'audio/mpeg'
  }
  return null
}

/** File kinds (by extension) whose signature sniffMime knows: an upload declared as one must carry it. */
const SNIFFABLE: ReadonlySet<string> = new Set(['pdf', 'tif', 'png', 'jpg', 'wav', 'mp3'])
const KNOWN_TYPES: Readonly<Record<string, string>> = { ...DOCUMENT_TYPES, ...RECORDING_TYPES }

/**
 * Whether bytes can be what their declared (normalised) type says: a type whose signature we know
 * (PDF, TIFF, PNG, JPEG, WAV, MP3, under any of their names) must match it — a text file sent as
 * `application/pdf` does not; other types are taken as declared.
 */
export function contentMatchesType(bytes: Uint8Array, mime: string): boolean {
  const ext = KNOWN_TYPES[mime]
  if (!ext || !SNIFFABLE.has(ext)) return true
  const sniffed = sniffMime(bytes)
  return sniffed !== null && KNOWN_TYPES[sniffed] === ext
}
