import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type, type Static } from 'typebox'
import type { CsvImportReport, Group, GroupFields } from '../../../core/contacts/index.ts'
import { bodyOf, ts, wireStr } from '../codec.ts'
import { IctcoreHttpError } from '../errors.ts'
import { Audit, BodyOf, Nullable, StrIn, Timestamp, WireId } from './wire-schemas.ts'

/** Default CSV upload limit (spec/ictcore.md §8: 256 MiB, configurable with `CSV_MAX_BYTES`). */
export const DEFAULT_CSV_MAX_BYTES = 256 * 1024 * 1024

/** Group (§5.4). */
export const GroupView = Type.Object({
  group_id: WireId, name: Type.String(), description: Nullable(Type.String()), contact_total: Type.Integer({ description: 'Linked contacts' }), ...Audit,
}, { description: 'Group (§5.4)', examples: [{ group_id: 2, name: 'Customers', description: null, contact_total: 120, user_id: 3, date_created: 1796601600, last_updated: 1796601600 }] })

/** Group body (§5.4): `name` required on create. */
export const GroupBody = BodyOf('Group (§5.4): POST needs name', { name: StrIn(undefined, 'Customers'), description: StrIn() }, { name: 'Customers' })

/** CsvImportReport (§8). */
export const CsvReportView = Type.Object({
  group_id: WireId, date_created: Timestamp, record_total: Type.Integer({ description: 'Records read' }), contact_created: Type.Integer(),
  error_total: Type.Integer(),
  errors: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String({ description: 'phone_missing, phone_invalid, email_invalid, column_count, quote_error' }), data: Type.String() }),
    { description: 'The first 1000 refused records' }),
}, {
  description: 'The group\'s last CSV import (§8)',
  examples: [{ group_id: 2, date_created: 1796601600, record_total: 3, contact_created: 2, error_total: 1, errors: [{ line: 3, reason: 'phone_invalid', data: 'x,Bob' }] }],
})

/** Group body (§5.4) → core fields. */
export function groupIn(body: unknown): GroupFields {
  const b = bodyOf<typeof GroupBody>(body)
  return { name: wireStr(b, 'name'), description: wireStr(b, 'description') }
}

/** Group (§5.4): every field. */
export function groupOut(g: Group): Static<typeof GroupView> {
  return {
    group_id: g.id, name: g.name, description: g.description, contact_total: g.contactTotal,
    user_id: g.userId, date_created: ts(g.createdAt), last_updated: ts(g.updatedAt),
  }
}

/** CsvImportReport (§8). */
export function reportOut(r: CsvImportReport): Static<typeof CsvReportView> {
  return {
    group_id: r.groupId, date_created: ts(r.createdAt), record_total: r.recordTotal, contact_created: r.contactCreated,
    error_total: r.errorTotal, errors: r.errors.map((e) => ({ line: e.line, reason: e.reason, data: e.data })),
  }
}

/** Group list filters (§6): wire key → core filter name. */
export const GROUP_FILTERS: Record<string, string> = { group_id: 'id', user_id: 'userId', created_by: 'userId', name: 'name', description: 'description' }

// ---- CSV upload bodies -------------------------------------------------------------------------

const CSV_PATH = /^\/groups\/[0-9]+\/csv(?:\.json)?\/?$/
const RAW_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream'])

interface Upload { stream: Readable; contentType: string | undefined; contentLength: number }
const uploads = new WeakMap<FastifyRequest, Upload>()

const tooLarge = () => new IctcoreHttpError(413, 'Request entity too large')
const empty = () => new IctcoreHttpError(411, 'Empty upload')
const unsupported = () => new IctcoreHttpError(415, 'Unsupported media type')

/**
 * Registers, in the dialect scope, the raw-stream capture of CSV imports: a POST to
 * `/groups/{id}/csv` keeps its request stream (read later, chunk by chunk, by the import) and the
 * dialect's JSON parser sees an empty body. Nothing of the upload is buffered here.
 */
export function captureCsvUploads(app: FastifyInstance, prefix: string): void {
  // A callback hook: it runs on every request of the dialect, and most pass straight through.
  app.addHook('preParsing', (req, _reply, payload, done) => {
    if (req.method !== 'POST') return done(null, payload)
    const q = req.url.indexOf('?')
    const path = (q < 0 ? req.url : req.url.slice(0, q)).slice(prefix.length)
    if (!CSV_PATH.test(path)) return done(null, payload)
    const contentType = req.headers['content-type']
    uploads.set(req, { stream: payload as Readable, contentType, contentLength: Number(req.headers['content-length']) })
    req.headers['content-length'] = '0'
    delete req.headers['transfer-encoding']
    if (contentType !== undefined) req.headers['content-type'] = 'application/octet-stream'
    done(null, Readable.from([]))
  })
}

/** Counts bytes and stops at the limit (413). */
async function* limited(source: AsyncIterable<Buffer>, limit: number): AsyncGenerator<Buffer> {
  let total = 0
  for await (const chunk of source) {
    total += chunk.length
    if (total > limit) throw tooLarge()
    yield chunk
  }
}

/**
 * The body of the first file part of a multipart stream (a part whose Content-Disposition names a
 * filename), streamed: only a boundary's worth of bytes and one part's headers are held at a time.
 * A body without a file part yields nothing (411).
 */
async function* firstMultipartFile(source: AsyncIterable<Buffer>, boundary: string): AsyncGenerator<Buffer> {
  const open = Buffer.from(`--${boundary}`)
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  let buf: Buffer = Buffer.alloc(0)
  let state: 'preamble' | 'after' | 'headers' | 'body' = 'preamble'
  let isFile = false
  for await (const chunk of source) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk
    for (;;) {
      if (state === 'preamble') {
        const at = buf.indexOf(open)
        if (at < 0) { buf = buf.subarray(Math.max(0, buf.length - open.length)); break }
        buf = buf.subarray(at + open.length)
        state = 'after'
      } else if (state === 'after') {
        if (buf.length < 2) break
        if (buf[0] === 0x2d && buf[1] === 0x2d) return // "--": the closing delimiter
        state = 'headers'
      } else if (state === 'headers') {
        const end = buf.indexOf('\r\n\r\n')
        if (end < 0) {
          if (buf.length > 16 * 1024) throw new IctcoreHttpError(412, 'Data validation failed, for body')
          break
        }
        isFile = /content-disposition:[^\r\n]*filename\*?=/i.test(buf.subarray(0, end).toString('latin1'))
        buf = buf.subarray(end + 4)
        state = 'body'
      } else {
        const at = buf.indexOf(delimiter)
        const take = at >= 0 ? at : Math.max(0, buf.length - delimiter.length)
        if (take > 0 && isFile) yield buf.subarray(0, take)
        if (at < 0) { buf = buf.subarray(take); break }
        if (isFile) return
        buf = buf.subarray(at + delimiter.length)
        state = 'after'
      }
    }
  }
}

/** The CSV byte stream of an import request: checks type (415), declared size (413) and emptiness (411). */
export async function csvSource(req: FastifyRequest, limit: number): Promise<AsyncIterable<Buffer>> {
  const upload = uploads.get(req)
  if (!upload) throw empty()
  const type = (upload.contentType ?? '').split(';')[0]!.trim().toLowerCase()
  let source: AsyncIterable<Buffer>
  if (type === 'multipart/form-data') {
    const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(upload.contentType!)
    const boundary = m?.[1] ?? m?.[2]
    if (!boundary) throw unsupported()
    source = firstMultipartFile(limited(upload.stream, limit), boundary)
  } else if (type === '' || RAW_TYPES.has(type)) {
    source = limited(upload.stream, limit)
  } else {
    throw unsupported()
  }
  if (upload.contentLength > limit) throw tooLarge()
  // Peek: an empty body (or an empty file part) is 411 before anything is written.
  const it = source[Symbol.asyncIterator]()
  let first = await it.next()
  while (!first.done && first.value.length === 0) first = await it.next()
  if (first.done) throw empty()
  const head = first.value
  return (async function* () {
    yield head
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value
  })()
}
