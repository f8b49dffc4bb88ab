import { and, asc, eq, gt, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import type { Db } from '../../db/client.ts'
import { DomainError, NotFound } from '../errors.ts'
import { tenantOf } from '../kernel/tenancy.ts'
import { requirePermission } from '../kernel/guard.ts'
import { checkContactFields, type ContactFields } from './contacts.ts'
import { contactGroups, contacts, groupContacts, groupCsvImports } from './contacts.table.ts'
import { TextColumns } from './csv-batch.ts'
import { CsvTextDecoder } from './csv-decode.ts'
import { CsvRecordReader } from './csv-records.ts'
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
/**
 * An insert statement carries up to this many contacts or this many bytes of text, whichever comes
 * first (measured: 5,000 rows run as fast as 10,000; the byte bound keeps memory flat when fields
 * are long).
 */
const BATCH_ROWS = 5_000
const BATCH_BYTES = 2 * 1024 * 1024
/** Text handed to the reader at a time. */
const SLICE_CHARS = 64 * 1024

/** Field `i` of a record; missing or empty = null. */
function cell(fields: readonly string[], i: number): string | null {
  const v = fields[i]
  return v === undefined || v === '' ? null : v
}

/** Why a record cannot become a contact, or its normalised fields. */
function recordToContact(fields: readonly string[]): CsvErrorReason | ContactFields {
  for (let i = 9; i < fields.length; i++) if (fields[i] !== '') return 'column_count'
  // No stored text can hold NUL (PostgreSQL refuses it): that row is invalid, the others are imported.
  for (let i = 0; i < fields.length && i < 9; i++) if (fields[i]!.includes('\u0000')) return 'field_invalid'
  const phone = cell(fields, 0)
  if (!phone) return 'phone_missing'
  try {
    return checkContactFields({
      phone, firstName: cell(fields, 1), lastName: cell(fields, 2), email: cell(fields, 3), address: cell(fields, 4),
      custom1: cell(fields, 5), custom2: cell(fields, 6), custom3: cell(fields, 7), description: cell(fields, 8),
    })
  } catch (e) {
    if (!(e instanceof DomainError) || !('field' in e)) throw e
    const field = (e as { field: string }).field
    return field === 'phone' ? 'phone_invalid' : field === 'email' ? 'email_invalid' : 'field_invalid'
  }
}

/** A copy of a string that holds no reference to the chunk it was cut from (kept in the report). */
function detached(s: string): string {
  // NUL cannot be stored in the report (jsonb) either: shown as U+FFFD.
  return Buffer.from(s, 'utf8').toString('utf8').replaceAll('\u0000', '\uFFFD')
}

/**
 * Imports a CSV body into a visible group (spec/ictcore.md §8), synchronously and in one
 * transaction: the bytes are decoded and read as they arrive and written in batches (one statement
 * inserts a batch of contacts and links them), the next batch being read while the previous one is
 * written, so memory stays flat whatever the size. Every valid record becomes a contact owned by the
 * actor; invalid ones are reported with their reason and 1-based starting line. A failing source
 * (aborted upload, size limit) rolls everything back and rethrows.
 */
export async function importGroupCsv(core: Core, actor: Actor, groupId: number, source: AsyncIterable<Buffer>): Promise<CsvImportReport> {
  requirePermission(actor, 'group_update')
  requirePermission(actor, 'contact_create')
  await findVisibleGroup(core.db, actor, groupId)
  const tenantId = tenantOf(actor)
  const userId = actor.userId

  return core.db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ${contactGroups} where ${contactGroups.id} = ${groupId} for update`)
    const errors: CsvImportError[] = []
    let errorTotal = 0
    let recordTotal = 0
    let created = 0
    let first = true
    const batch = new TextColumns(CSV_COLUMNS.length)
    const row: (string | null)[] = []
    const fail = (line: number, reason: CsvErrorReason, data: string): void => {
      errorTotal++
      if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line, reason, data: detached(data) })
    }
    const reader = new CsvRecordReader({
      record(fields, line) {
        let blank = true
        for (const f of fields) if (f !== '') { blank = false; break }
        if (blank) return
        if (first) {
          first = false
          if (fields[0]!.toLowerCase() === 'phone') return
        }
        recordTotal++
        const r = recordToContact(fields)
        if (typeof r === 'string') return fail(line, r, reader.raw())
        for (let k = 0; k < CSV_COLUMNS.length; k++) row[k] = r[CSV_COLUMNS[k]!] ?? null
        batch.add(row)
      },
      unterminated(line, raw) {
        recordTotal++
        fail(line, 'quote_error', raw)
      },
    })
    // One batch is written while the next one is read (and turned into parameters); the write of a
    // batch waits for the one before it.
    let pending: Promise<unknown> = Promise.resolve()
    const flush = async (): Promise<void> => {
      const rows = batch.rows
      const params = rows ? batch.take() : null
      await pending
      if (!params) return
      created += rows
      pending = insertBatch(tx, tenantId, userId, groupId, params)
      pending.catch(() => {})
    }
    const decoder = new CsvTextDecoder()
    for await (const chunk of source) {
      // Read in slices so a large chunk (a source's choice) cannot make a batch larger than its bounds.
      const text = decoder.write(chunk)
      for (let at = 0; at < text.length; at += SLICE_CHARS) {
        reader.write(at === 0 && text.length <= SLICE_CHARS ? text : text.slice(at, at + SLICE_CHARS))
        batch.seal()
        if (batch.rows >= BATCH_ROWS || batch.bytes >= BATCH_BYTES) await flush()
      }
    }
    reader.write(decoder.end())
    reader.end()
    await flush()
    await pending
    await tx.update(contactGroups).set({ contactTotal: sql`${contactGroups.contactTotal} + ${created}`, updatedAt: core.now() }).where(eq(contactGroups.id, groupId))
    const report = { recordTotal, contactCreated: created, errorTotal, errors, createdAt: core.now() }
    await tx.insert(groupCsvImports).values({ groupId, ...report }).onConflictDoUpdate({ target: groupCsvImports.groupId, set: report })
    return { groupId, ...report }
  })
}

/**
 * One statement: insert the batch's contacts (one text[] parameter per column, unnested) and link
 * them to the group.
 */
async function insertBatch(db: Db, tenantId: number | null, userId: number | null, groupId: number, columns: string[]): Promise<void> {
  const [phone, firstName, lastName, email, address, custom1, custom2, custom3, description] = columns
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

// A cell a spreadsheet would run as a formula (OWASP "CSV injection"): starts with = + - @, tab or CR.
// Numbers and phone numbers (`+15551234567`, `-3.5`) are not formulas and stay as they are.
const FORMULA_START = /^[=+\-@\t\r]/
const NUMBER_LIKE = /^[+-]?[0-9][0-9 ().-]*$/

/** A cell as a spreadsheet shows it: one that would run as a formula gets a leading `'` (its text is shown, not run). */
export function spreadsheetSafe(v: string): string {
  return FORMULA_START.test(v) && !NUMBER_LIKE.test(v) ? `'${v}` : v
}

/** A CSV field as export writes it: always quoted, `""` escape, null → `""`, formulas defused. */
function q(v: string | null): string {
  return v === null ? '""' : `"${spreadsheetSafe(v).replace(/"/g, '""')}"`
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
