import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { DialectOptions } from '../../dialect.ts'
import {
  checkSampleCsv, createGroup, deleteGroup, exportGroupCsv, getCsvImportReport, getGroup, importGroupCsv, listContacts, listGroups,
  SAMPLE_CSV, updateGroup, type CsvImportReport, type Group, type GroupFields,
} from '../../../core/contacts/index.ts'
import { bodyObject, listQueryIn, ts, wireStr } from '../codec.ts'
import { IctcoreHttpError } from '../errors.ts'
import type { IctcoreRouter } from '../router.ts'
import { CONTACT_FILTERS, contactOut } from './contacts.ts'

/** Default CSV upload limit (spec/ictcore.md §8: 256 MiB, configurable with `CSV_MAX_BYTES`). */
export const DEFAULT_CSV_MAX_BYTES = 256 * 1024 * 1024


export function groupIn(body: unknown): GroupFields {
  const b = bodyObject(body)
  return { name: wireStr(b, 'name'), description: wireStr(b, 'description') }
}

/** Group (§5.4): every field. */
export function groupOut(g: Group) {
  return {
    group_id: g.id, name: g.name, description: g.description, contact_total: g.contactTotal,
    user_id: g.userId, date_created: ts(g.createdAt), last_updated: ts(g.updatedAt),
  }
}

export function reportOut(r: CsvImportReport) {
  return {
    group_id: r.groupId, date_created: ts(r.createdAt), record_total: r.recordTotal, contact_created: r.contactCreated,
    error_total: r.errorTotal, errors: r.errors.map((e) => ({ line: e.line, reason: e.reason, data: e.data })),
  }
}

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
async function csvSource(req: FastifyRequest, limit: number): Promise<AsyncIterable<Buffer>> {
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

/** `/groups` (spec/ictcore.md §4.5), group members, CSV import / export / report / sample (§8). */
export function groupRoutes(r: IctcoreRouter, { core, config }: DialectOptions): void {
  const csvLimit = config.csvMaxBytes ?? DEFAULT_CSV_MAX_BYTES
  r.post('/groups', async ({ actor, body }) => createGroup(core, actor, groupIn(body)), { summary: 'Create a contact group' })
  r.get('/groups', async ({ req, actor, query }) => (await listGroups(core, actor, listQueryIn(req, query, GROUP_FILTERS))).map(groupOut))
  r.get('/groups/:group_id', async ({ actor, params }) => groupOut(await getGroup(core, actor, params.group_id as number)))
  r.put('/groups/:group_id', async ({ actor, params, body }) => groupOut(await updateGroup(core, actor, params.group_id as number, groupIn(body))))
  r.delete('/groups/:group_id', async ({ actor, params }) => {
    await deleteGroup(core, actor, params.group_id as number)
    return true
  })
  r.get('/groups/:group_id/contacts', async ({ req, actor, params, query }) => {
    const id = params.group_id as number
    await getGroup(core, actor, id)
    return (await listContacts(core, actor, listQueryIn(req, query, CONTACT_FILTERS), { groupId: id })).map(contactOut)
  }, { summary: 'Contacts of a group' })

  r.post('/groups/:group_id/csv', async ({ req, actor, params }) => {
    const id = params.group_id as number
    const source = await csvSource(req, csvLimit)
    await importGroupCsv(core, actor, id, source)
    return id
  }, { summary: 'Import contacts from CSV into a group' })
  r.get('/groups/:group_id/csv/report', async ({ actor, params }) => reportOut(await getCsvImportReport(core, actor, params.group_id as number)),
    { summary: 'Report of the last CSV import of a group' })
  r.get('/groups/:group_id/csv', async ({ reply, actor, params }) => {
    const id = params.group_id as number
    const chunks = await exportGroupCsv(core, actor, id)
    reply.code(200).header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="group_${id}.csv"`)
    // Awaiting the reply waits until it is written, so the dispatcher sees it as sent.
    await reply.send(Readable.from(chunks))
    return undefined
  }, { summary: 'Export the contacts of a group as CSV' })
  r.get('/groups/sample/csv', async ({ reply, actor }) => {
    checkSampleCsv(actor)
    reply.code(200).header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="contact_sample.csv"')
    await reply.send(SAMPLE_CSV)
    return undefined
  }, { summary: 'A sample CSV file for group import' })
}
