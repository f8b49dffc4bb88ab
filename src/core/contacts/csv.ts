import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse, type CsvError } from 'csv-parse'
import { and, asc, eq, gt, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import type { Db } from '../../db/client.ts'
import { DomainError, NotFound } from '../errors.ts'
import { tenantOf } from '../tenancy.ts'
import { requirePermission } from '../users/guard.ts'
import { checkContactFields, type ContactFields } from './contacts.ts'
import { contactGroups, contacts, groupContacts, groupCsvImports } from './contacts.table.ts'
import { CsvTextDecoder } from './csv-decode.ts'
import { findVisibleGroup } from './groups.ts'

/** Column order of the ICTCore group CSV (spec/ictcore.md §8). */
export const CSV_COLUMNS = ['phone', 'firstName', 'lastName', 'email', 'address', 'custom1', 'custom2', 'custom3', 'description'] as const

export type CsvErrorReason = 'phone_missing' | 'phone_invalid' | 'email_invalid' | 'column_count' | 'quote_error' | 'field_invalid'

export interface CsvImportError { line: number; reason: CsvErrorReason; data: string }

export interface CsvImportReport {
  groupId: number
  createdAt: Date
  recordTotal: number
  contactCreated: number
  errorTotal: number
  errors: CsvImportError[]
}

/** The report keeps the first this many errors (by line). */
export const MAX_REPORTED_ERRORS = 1000
/** Contacts per multi-row insert. */
const BATCH = 10_000

interface ParsedRecord { fields: string[]; raw: string; line: number }

/** Why a record cannot become a contact, or its normalised fields. */
function recordToContact(fields: string[]): { reason: CsvErrorReason } | { contact: ContactFields } {
  if (fields.slice(9).some((f) => f !== '')) return { reason: 'column_count' }
  const input: ContactFields = {}
  CSV_COLUMNS.forEach((k, i) => { input[k] = fields[i] === undefined || fields[i] === '' ? null : fields[i] })
  if (!input.phone) return { reason: 'phone_missing' }
  try {
    return { contact: checkContactFields(input) }
  } catch (e) {
    if (!(e instanceof DomainError) || !('field' in e)) throw e
    const field = (e as { field: string }).field
    return { reason: field === 'phone' ? 'phone_invalid' : field === 'email' ? 'email_invalid' : 'field_invalid' }
  }
}

/**
 * Imports a CSV body into a visible group (spec/ictcore.md §8), synchronously and in one
 * transaction: the bytes are decoded and parsed as they arrive and written in multi-row batches
 * (one statement inserts a batch of contacts and links them), so memory stays flat whatever the
 * size. Every valid record becomes a contact owned by the actor; invalid ones are reported with
 * their reason and 1-based starting line. A failing source (aborted upload, size limit) rolls
 * everything back and rethrows.
 */
export async function importGroupCsv(core: Core, actor: Actor, groupId: number, source: Readable | AsyncIterable<Buffer>): Promise<CsvImportReport> {
  requirePermission(actor, 'group_update')
  requirePermission(actor, 'contact_create')
  await findVisibleGroup(core.db, actor, groupId)
  const tenantId = tenantOf(actor)
  const userId = actor.userId

  // Only `ltrim` here (fields are trimmed in full below): csv-parse's `trim` turns text after a
  // closing quote into an error after which it drops the rest of the chunk; without it, that text is
  // kept (relax_quotes). The remaining parse error, an unterminated quote, skips its record (the rest
  // of the body); it is queued with the number of records emitted before it, so lines stay in order.
  const skipped: { after: number; raw: string }[] = []
  const parser = parse({
    relax_column_count: true, relax_quotes: true, ltrim: true, skip_empty_lines: false, skip_records_with_error: true,
    record_delimiter: ['\r\n', '\n', '\r'], raw: true,
  })
  parser.on('skip', (err: CsvError & { raw?: string }) => {
    skipped.push({ after: parser.info.records, raw: stripEol(err.raw ?? '') })
  })
  const input = source instanceof Readable ? source : Readable.from(source)
  const feeding = pipeline(input, new CsvTextDecoder(), parser)
  feeding.catch(() => {})

  return core.db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ${contactGroups} where ${contactGroups.id} = ${groupId} for update`)
    const errors: CsvImportError[] = []
    let errorTotal = 0
    let recordTotal = 0
    let created = 0
    let first = true
    let batch = emptyBatch()
    let pending: Promise<unknown> = Promise.resolve()
    const flush = async (): Promise<void> => {
      await pending
      if (!batch[0].length) return
      const rows = batch
      batch = emptyBatch()
      created += rows[0].length
      pending = insertBatch(tx, tenantId, userId, groupId, rows)
      pending.catch(() => {})
    }
    let prevEnd = 0
    let emitted = 0
    let nextSkip = 0
    let quoteErrorTotal = 0
    const quoteErrors: CsvImportError[] = []
    // Physical lines are counted from each record's own text (csv-parse counts a quoted CRLF twice).
    const takeSkipped = (upTo: number): void => {
      while (nextSkip < skipped.length && skipped[nextSkip]!.after <= upTo) {
        const { raw } = skipped[nextSkip++]!
        const line = prevEnd + 1
        prevEnd = line + lineBreaks(raw)
        quoteErrorTotal++
        if (quoteErrors.length < MAX_REPORTED_ERRORS) quoteErrors.push({ line, reason: 'quote_error', data: raw })
      }
    }
    for await (const out of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      takeSkipped(emitted)
      emitted++
      const raw = stripEol(out.raw)
      const rec: ParsedRecord = { fields: out.record.map((f) => f.trim()), raw, line: prevEnd + 1 }
      prevEnd = rec.line + lineBreaks(raw)
      if (rec.fields.every((f) => f === '')) continue
      if (first) {
        first = false
        if (rec.fields[0]!.toLowerCase() === 'phone') continue
      }
      recordTotal++
      const r = recordToContact(rec.fields)
      if ('reason' in r) {
        errorTotal++
        if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line: rec.line, reason: r.reason, data: rec.raw })
        continue
      }
      const c = r.contact
      CSV_COLUMNS.forEach((k, i) => batch[i]!.push(c[k] ?? null))
      if (batch[0].length >= BATCH) await flush()
    }
    await feeding
    takeSkipped(Number.MAX_SAFE_INTEGER)
    await flush()
    await pending
    recordTotal += quoteErrorTotal
    errorTotal += quoteErrorTotal
    const reported = [...errors, ...quoteErrors].sort((x, y) => x.line - y.line).slice(0, MAX_REPORTED_ERRORS)
    await tx.update(contactGroups).set({ contactTotal: sql`${contactGroups.contactTotal} + ${created}`, updatedAt: core.now() }).where(eq(contactGroups.id, groupId))
    const report = { recordTotal, contactCreated: created, errorTotal, errors: reported, createdAt: core.now() }
    await tx.insert(groupCsvImports).values({ groupId, ...report }).onConflictDoUpdate({ target: groupCsvImports.groupId, set: report })
    return { groupId, ...report }
  })
}

function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0
}

function stripEol(raw: string): string {
  return raw.replace(/\r?\n$|\r$/, '')
}

type Batch = [(string | null)[], ...(string | null)[][]]

/** A batch as one array per CSV column (CSV_COLUMNS order). */
function emptyBatch(): Batch {
  return [[], [], [], [], [], [], [], [], []]
}

/**
 * One statement: insert the batch's contacts (one text[] parameter per column, unnested) and link
 * them to the group.
 */
async function insertBatch(db: Db, tenantId: number | null, userId: number | null, groupId: number, cols: Batch): Promise<void> {
  const [phone, firstName, lastName, email, address, custom1, custom2, custom3, description] = cols.map((c) => sql.param(c))
  await db.execute(sql`with ins as (
    insert into ${contacts} (tenant_id, user_id, phone, first_name, last_name, email, address, custom1, custom2, custom3, description)
    select ${tenantId}::int, ${userId}::int, r.* from unnest(${phone}::text[], ${firstName}::text[], ${lastName}::text[], ${email}::text[],
      ${address}::text[], ${custom1}::text[], ${custom2}::text[], ${custom3}::text[], ${description}::text[]) as r
    returning id)
  insert into ${groupContacts} (group_id, contact_id) select ${groupId}::int, id from ins`)
}

/** The report of a visible group's last import, or NotFound('Import report'). */
export async function getCsvImportReport(core: Core, actor: Actor, groupId: number): Promise<CsvImportReport> {
  requirePermission(actor, 'group_read')
  await findVisibleGroup(core.db, actor, groupId)
  const [row] = await core.db.select().from(groupCsvImports).where(eq(groupCsvImports.groupId, groupId)).limit(1)
  if (!row) throw new NotFound('Import report', groupId)
  return { ...row, errors: row.errors as CsvImportError[] }
}

/** A CSV field as export writes it: always quoted, `""` escape, null → `""`. */
function q(v: string | null): string {
  return v === null ? '""' : `"${v.replace(/"/g, '""')}"`
}

/** One CSV line (LF-terminated) of a contact, the 9 columns in order. */
export function csvLine(c: Record<(typeof CSV_COLUMNS)[number], string | null>): string {
  return CSV_COLUMNS.map((k) => q(c[k])).join(',') + '\n'
}

/**
 * The linked contacts of a visible group as CSV text, in contact_id order, produced in chunks
 * (keyset pages) so any size streams. The group is checked before the first chunk.
 */
export async function exportGroupCsv(core: Core, actor: Actor, groupId: number, pageSize = 5000): Promise<AsyncIterable<string>> {
  requirePermission(actor, 'group_read')
  await findVisibleGroup(core.db, actor, groupId)
  async function* chunks(): AsyncGenerator<string> {
    let after = 0
    for (;;) {
      const rows = await core.db.select({
        id: contacts.id, phone: contacts.phone, firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email,
        address: contacts.address, custom1: contacts.custom1, custom2: contacts.custom2, custom3: contacts.custom3, description: contacts.description,
      }).from(groupContacts).innerJoin(contacts, eq(contacts.id, groupContacts.contactId))
        .where(and(eq(groupContacts.groupId, groupId), gt(groupContacts.contactId, after)))
        .orderBy(asc(groupContacts.contactId)).limit(pageSize)
      if (!rows.length) return
      yield rows.map(csvLine).join('')
      after = rows[rows.length - 1]!.id
      if (rows.length < pageSize) return
    }
  }
  return chunks()
}

/** The sample file of `GET /groups/sample/csv`, exactly as spec/ictcore.md §8 gives it. */
export const SAMPLE_CSV =
  '"923330000000","Valid","Contact","email@domain.com","street address","custome 1","custome 2","custome 3","any comments will be here"\n' +
  '"923331111111","First2","Last2","other@domain.com","street address","custome value 1","custome value 2","custome value 3",""\n'

/** Permission check for the sample download (a read of groups). */
export function checkSampleCsv(actor: Actor): void {
  requirePermission(actor, 'group_read')
}
