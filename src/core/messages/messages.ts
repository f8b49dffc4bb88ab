import { and, asc, eq, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Invalid, NotFound } from '../errors.ts'
import { ownedScope, tenantOf } from '../kernel/tenancy.ts'
import { blankToNull, LONG_TEXT, notCleared, required, textRule } from '../kernel/field-rules.ts'
import { requirePermission } from '../kernel/guard.ts'
import { listWindow, type FilterSpec, type ListQuery } from '../kernel/list-filter.ts'
import { documents, recordings, templates, texts } from './messages.table.ts'
import { validId } from '../kernel/ids.ts'

/**
 * Messages (spec/ictcore.md §4.7, §5.5, §5.6): documents, recordings, templates and texts, each
 * owned by its creator inside the creator's tenant. Media files are handled in media.ts.
 */

export type MessageKind = 'document' | 'recording' | 'template' | 'text'
export const MESSAGE_KINDS: readonly MessageKind[] = ['document', 'recording', 'template', 'text']
export const TEXT_TYPES = ['plain', 'unicode', 'binary'] as const
export type TextType = (typeof TEXT_TYPES)[number]

interface Common {
  id: number
  tenantId: number | null
  userId: number | null
  name: string
  description: string | null
  createdAt: Date
  updatedAt: Date
}
/** Document or recording: `type` is the extension of the first part, null when none. */
export interface DocumentView extends Common { kind: 'document' | 'recording'; type: string | null; parts: number; size: number }
export interface TemplateView extends Common { kind: 'template'; subject: string; body: string; bodyAlt: string | null; type: string | null; parts: number; size: number }
/** Text: `length` counts characters (code points) of `data`. */
export interface TextView extends Common { kind: 'text'; data: string; type: TextType; length: number }
export type MessageView = DocumentView | TemplateView | TextView

/** Writable fields; `undefined` = not supplied, `null` = clear (refused for required fields). */
export interface MessageFields {
  name?: string | null
  description?: string | null
  subject?: string | null
  body?: string | null
  bodyAlt?: string | null
  data?: string | null
  type?: string | null
}

export const ENTITY: Record<MessageKind, string> = { document: 'Document', recording: 'Recording', template: 'Template', text: 'Text' }
export const TABLES = { document: documents, recording: recordings, template: templates, text: texts } as const

/** The columns every message table shares, typed once (the four tables spell them alike). */
export function common(kind: MessageKind): typeof documents {
  return TABLES[kind] as unknown as typeof documents
}

type AnyRow = typeof documents.$inferSelect & Partial<typeof templates.$inferSelect> & Partial<Omit<typeof texts.$inferSelect, 'type'>> & { type?: string }

/** Messages an actor may see: its tenant's, and only its own unless admin (§2.4). */
export function messageScope(actor: Actor, kind: MessageKind): SQL | undefined {
  return ownedScope(actor, common(kind))
}


function filterSpec(kind: MessageKind): FilterSpec {
  const t = TABLES[kind]
  const c = common(kind)
  const base: FilterSpec = {
    exact: { id: { column: c.id, kind: 'int' }, userId: { column: c.userId, kind: 'int' } },
    text: { name: c.name, description: c.description },
    created: c.createdAt,
  }
  if (kind === 'text') base.exact.type = { column: texts.type, kind: 'enum' }
  else base.exact.type = { column: (t as typeof documents).mediaType, kind: 'enum' }
  if (kind === 'template') base.text.subject = templates.subject
  if (kind === 'text') base.text.data = texts.data
  return base
}
const FILTERS = Object.fromEntries(MESSAGE_KINDS.map((k) => [k, filterSpec(k)])) as Record<MessageKind, FilterSpec>

function view(kind: MessageKind, r: AnyRow): MessageView {
  const c: Common = { id: r.id, tenantId: r.tenantId, userId: r.userId, name: r.name, description: r.description, createdAt: r.createdAt, updatedAt: r.updatedAt }
  if (kind === 'text') return { ...c, kind, data: r.data!, type: r.type as TextType, length: [...r.data!].length }
  if (kind === 'template') return { ...c, kind, subject: r.subject!, body: r.body!, bodyAlt: r.bodyAlt ?? null, type: r.mediaType, parts: r.parts, size: r.size }
  return { ...c, kind, type: r.mediaType, parts: r.parts, size: r.size }
}

/** One visible message row (no permission check), or NotFound('<Entity>'). */
export async function findVisibleMessage(core: Core, actor: Actor, kind: MessageKind, id: number): Promise<MessageView> {
  if (!validId(id)) throw new NotFound(ENTITY[kind], id)
  const t = common(kind)
  const [row] = await core.db.select().from(t).where(and(eq(t.id, id), messageScope(actor, kind))).limit(1)
  if (!row) throw new NotFound(ENTITY[kind], id)
  return view(kind, row as AnyRow)
}

const HEX = /^(?:[0-9A-Fa-f]{2})*$/
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/

/** The default text type of `data` (§5.6): unicode with a non-ASCII character, else plain. */
export function defaultTextType(data: string): TextType {
  return NON_ASCII.test(data) ? 'unicode' : 'plain'
}

function checkData(data: string | null | undefined, creating: boolean): string | undefined {
  const d = creating ? required('data', data) : notCleared('data', data)
  if (d === undefined) return undefined
  if (typeof d !== 'string') throw new Invalid('data', 'must be a string')
  textRule('data', d, LONG_TEXT)
  const n = [...d].length
  if (n < 1 || n > 1600) throw new Invalid('data', 'must be 1-1600 characters')
  return d
}

function checkTextType(type: string, data: string): TextType {
  if (!(TEXT_TYPES as readonly string[]).includes(type)) throw new Invalid('type', 'must be plain, unicode or binary')
  if (type === 'binary' && !HEX.test(data)) throw new Invalid('type', 'binary needs even-length hex data')
  return type as TextType
}

/** Validated column values for an insert (`creating`) or a partial update. */
function columns(kind: MessageKind, f: MessageFields, creating: boolean, current?: MessageView): Record<string, unknown> {
  const set: Record<string, unknown> = {}
  const name = creating ? required('name', f.name) : notCleared('name', f.name)
  if (name !== undefined) set.name = textRule('name', name)
  if (f.description !== undefined) set.description = blankToNull(textRule('description', f.description, LONG_TEXT))
  if (kind === 'template') {
    const subject = creating ? required('subject', f.subject) : notCleared('subject', f.subject)
    if (subject !== undefined) set.subject = textRule('subject', subject)
    const body = creating ? required('body', f.body) : notCleared('body', f.body)
    if (body !== undefined) set.body = textRule('body', body, LONG_TEXT)
    if (f.bodyAlt !== undefined) set.bodyAlt = blankToNull(textRule('bodyAlt', f.bodyAlt, LONG_TEXT))
  }
  if (kind === 'text') {
    const data = checkData(f.data, creating)
    if (data !== undefined) set.data = data
    const effective = data ?? (current as TextView | undefined)?.data ?? ''
    if (f.type !== undefined && f.type !== null && f.type !== '') set.type = checkTextType(f.type, effective)
    else if (creating || f.type === null || f.type === '') set.type = defaultTextType(effective)
    else if (data !== undefined) {
      // New data without a type: binary stays binary while the data is hex, unicode stays unicode.
      const was = (current as TextView).type
      set.type = (was === 'binary' && HEX.test(data)) || was === 'unicode' ? was : defaultTextType(data)
    }
  }
  return set
}

/** Creates a message owned by the actor; returns its id. */
export async function createMessage(core: Core, actor: Actor, kind: MessageKind, input: MessageFields): Promise<number> {
  requirePermission(actor, `${kind}_create`)
  const values = columns(kind, input, true)
  const t = common(kind)
  const [row] = await core.db.insert(t).values({ ...values, tenantId: tenantOf(actor), userId: actor.userId } as typeof documents.$inferInsert)
    .returning({ id: t.id })
  return row!.id
}

/** The visible messages of a kind, filtered and paged (§6), by id. */
export async function listMessages(core: Core, actor: Actor, kind: MessageKind, query: ListQuery = {}): Promise<MessageView[]> {
  requirePermission(actor, `${kind}_list`)
  const w = listWindow(FILTERS[kind], query)
  const t = common(kind)
  const q = core.db.select().from(t).where(and(messageScope(actor, kind), w.where)).orderBy(asc(t.id)).offset(w.offset)
  const rows = await (w.limit === undefined ? q : q.limit(w.limit))
  return rows.map((r) => view(kind, r as AnyRow))
}

/** One visible message (contract for programs and transmissions). */
export async function getMessage(core: Core, actor: Actor, kind: MessageKind, id: number): Promise<MessageView> {
  requirePermission(actor, `${kind}_read`)
  return findVisibleMessage(core, actor, kind, id)
}

/** Partial update; returns the message as `getMessage` does. */
export async function updateMessage(core: Core, actor: Actor, kind: MessageKind, id: number, input: MessageFields): Promise<MessageView> {
  requirePermission(actor, `${kind}_update`)
  const current = await findVisibleMessage(core, actor, kind, id)
  const set = columns(kind, input, false, current)
  const t = common(kind)
  await core.db.update(t).set({ ...set, updatedAt: core.now() }).where(eq(t.id, id))
  return findVisibleMessage(core, actor, kind, id)
}
