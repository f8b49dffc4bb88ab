import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { isDomainError } from '../../../core/errors.ts'
import { contentMatchesType, ENTITY, MAX_MEDIA_BYTES, mediaExtension, normalizeMime, sniffMime, type MediaKind } from '../../../core/messages/index.ts'
import { IctcoreHttpError } from '../errors.ts'

/**
 * `PUT|POST|GET {X}/{id}/media` for documents, recordings and templates (spec/ictcore.md §9).
 * Upload bodies bypass the dialect's JSON parser: a preParsing hook keeps the raw bytes (up to
 * 20 MiB) of requests aimed at a media path, whatever their Content-Type, and this file turns them
 * into bytes + a MIME type (raw, multipart, `base64` data URL, sniffed octet-stream) for core.
 */

interface Captured { bytes: Buffer; contentType: string | undefined }
const captured = new WeakMap<FastifyRequest, Captured>()

const MEDIA_PATH = /^\/(?:messages\/)?(?:documents|recordings|templates)\/[0-9]+\/media(?:\.json)?\/?$/
const UPLOAD_METHODS = new Set(['POST', 'PUT', 'PATCH'])

const tooLarge = () => new IctcoreHttpError(413, 'Request entity too large')
const empty = () => new IctcoreHttpError(411, 'Empty upload')
const unsupported = () => new IctcoreHttpError(415, 'Unsupported media type')

/** Registers the raw-body capture for media uploads in the dialect scope (before its routes). */
export function captureMediaBodies(app: FastifyInstance, prefix: string): void {
  // A callback hook: it runs on every request of the dialect, and most pass straight through.
  app.addHook('preParsing', (req, _reply, payload, done) => {
    if (!UPLOAD_METHODS.has(req.method)) return done(null, payload)
    const q = req.url.indexOf('?')
    const path = (q < 0 ? req.url : req.url.slice(0, q)).slice(prefix.length)
    if (!MEDIA_PATH.test(path)) return done(null, payload)
    capture(req, payload).then((body) => done(null, body), (e: Error) => done(e))
  })
}

/** Reads an upload body (up to 20 MiB) and hands the dialect's JSON parser an empty one instead. */
async function capture(req: FastifyRequest, payload: AsyncIterable<Buffer | string>): Promise<Readable> {
  const declared = Number(req.headers['content-length'])
  if (declared > MAX_MEDIA_BYTES) throw tooLarge()
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of payload) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
    total += b.length
    if (total > MAX_MEDIA_BYTES) throw tooLarge()
    chunks.push(b)
  }
  const contentType = req.headers['content-type']
  captured.set(req, { bytes: Buffer.concat(chunks), contentType })
  // The dialect's JSON parser then sees an empty body (and `base64` is not a valid media type to Fastify).
  req.headers['content-length'] = '0'
  delete req.headers['transfer-encoding']
  if (contentType !== undefined) req.headers['content-type'] = 'application/octet-stream'
  return Readable.from([])
}

/** The first file part of a multipart body (else its first part), with its declared type. */
function firstMultipartFile(body: Buffer, contentType: string): { bytes: Buffer; mime: string | undefined } | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  const boundary = m?.[1] ?? m?.[2]
  if (!boundary) return null
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: { headers: string; bytes: Buffer }[] = []
  let at = body.indexOf(delimiter)
  while (at >= 0) {
    let start = at + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2
    const headerEnd = body.indexOf('\r\n\r\n', start)
    if (headerEnd < 0) break
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4)
    if (next < 0) break
    parts.push({ headers: body.subarray(start, headerEnd).toString('latin1'), bytes: body.subarray(headerEnd + 4, next) })
    at = next + 2
  }
  const file = parts.find((p) => /filename\*?=/i.test(p.headers)) ?? parts[0]
  if (!file) return null
  const type = /^content-type:\s*([^\r\n]+)/im.exec(file.headers)?.[1]
  return { bytes: file.bytes, mime: type?.trim() }
}

/** A `data:<mime>;base64,<payload>` body (also accepted: the bare base64 payload, sniffed). */
function dataUrl(body: Buffer): { bytes: Buffer; mime: string | undefined } {
  const text = body.toString('latin1').trim()
  const m = /^data:([^;,]*)(?:;[^,]*)?,(.*)$/s.exec(text)
  const payload = (m ? m[2]! : text).replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload)) throw new IctcoreHttpError(412, 'Data validation failed, for media')
  return { bytes: Buffer.from(payload, 'base64'), mime: m?.[1] || undefined }
}

/** Bytes + MIME type of an upload for `kind`, or the §9 refusal (411, 415). */
export function mediaUpload(req: FastifyRequest, kind: MediaKind): { bytes: Buffer; mime: string } {
  const raw = captured.get(req) ?? { bytes: Buffer.alloc(0), contentType: req.headers['content-type'] }
  if (raw.bytes.length === 0) throw empty()
  const declared = raw.contentType ? raw.contentType.split(';')[0]!.trim().toLowerCase() : ''
  let bytes = raw.bytes
  let mime: string | undefined = declared || undefined
  if (declared === 'multipart/form-data') {
    const file = firstMultipartFile(raw.bytes, raw.contentType!)
    if (!file) throw new IctcoreHttpError(412, 'Data validation failed, for media')
    bytes = file.bytes
    mime = file.mime
  } else if (declared === 'base64') {
    ;({ bytes, mime } = dataUrl(raw.bytes))
  }
  if (bytes.length === 0) throw empty()
  const normal = mime ? normalizeMime(mime) : 'application/octet-stream'
  if (!normal) throw unsupported()
  let effective = normal
  if (normal === 'application/octet-stream' && kind !== 'template') effective = sniffMime(bytes) ?? ''
  if (!effective || !mediaExtension(kind, effective)) throw unsupported()
  // Bytes that are not what the declared type says (a text file as application/pdf) are refused too (#13 finding 7).
  if (!contentMatchesType(bytes, effective)) throw unsupported()
  return { bytes, mime: effective }
}

/** A file-system failure while storing is the §3 417 `<Entity> update failed`; anything else passes. */
export async function storing<T>(kind: MediaKind, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (e) {
    if (!isDomainError(e) && typeof (e as { syscall?: unknown }).syscall === 'string') {
      throw new IctcoreHttpError(417, `${ENTITY[kind]} update failed`)
    }
    throw e
  }
}
