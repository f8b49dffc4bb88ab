import type { DialectOptions } from '../../dialect.ts'
import { Invalid } from '../../../core/errors.ts'
import {
  createMessage, deleteMessage, getMessage, listMessages, updateMessage, type MessageFields, type MessageKind, type MessageView,
} from '../../../core/messages/index.ts'
import { bodyObject, listQueryIn, ts } from '../codec.ts'
import type { IctcoreRouter } from '../router.ts'

/** The two equivalent bases of each message collection (§4.7) and its id parameter. */
export const MESSAGE_BASES: Record<MessageKind, { bases: readonly string[]; idParam: string }> = {
  document: { bases: ['/messages/documents', '/documents'], idParam: 'document_id' },
  recording: { bases: ['/messages/recordings', '/recordings'], idParam: 'recording_id' },
  template: { bases: ['/messages/templates', '/templates'], idParam: 'template_id' },
  text: { bases: ['/messages/texts', '/texts'], idParam: 'text_id' },
}

/** List filters per kind: wire query key → core filter name (§6). */
const FILTERS: Record<MessageKind, Record<string, string>> = {
  document: { document_id: 'id', user_id: 'userId', created_by: 'userId', type: 'type', name: 'name', description: 'description' },
  recording: { recording_id: 'id', user_id: 'userId', created_by: 'userId', type: 'type', name: 'name', description: 'description' },
  template: { template_id: 'id', user_id: 'userId', created_by: 'userId', type: 'type', name: 'name', description: 'description', subject: 'subject' },
  text: { text_id: 'id', user_id: 'userId', created_by: 'userId', type: 'type', name: 'name', description: 'description', data: 'data' },
}


/** An optional string field: absent → undefined, null → null; other types → 412 for it. */
function str(b: Record<string, unknown>, key: string): string | null | undefined {
  const v = b[key]
  if (v === undefined || v === null || typeof v === 'string') return v
  throw new Invalid(key, 'must be a string')
}

/** Message body → core fields (the fields of the kind; others are ignored). */
export function messageIn(kind: MessageKind, body: unknown): MessageFields {
  const b = bodyObject(body)
  const f: MessageFields = { name: str(b, 'name'), description: str(b, 'description') }
  if (kind === 'template') Object.assign(f, { subject: str(b, 'subject'), body: str(b, 'body'), bodyAlt: str(b, 'body_alt') })
  if (kind === 'text') Object.assign(f, { data: str(b, 'data'), type: str(b, 'type') })
  return f
}

/** Document / Recording / Template / Text (§5.5, §5.6): every field, audit included. */
export function messageOut(m: MessageView): Record<string, unknown> {
  const audit = { user_id: m.userId, date_created: ts(m.createdAt), last_updated: ts(m.updatedAt) }
  switch (m.kind) {
    case 'document':
    case 'recording':
      return { [`${m.kind}_id`]: m.id, name: m.name, description: m.description, type: m.type, parts: m.parts, size: m.size, ...audit }
    case 'template':
      return { template_id: m.id, name: m.name, description: m.description, subject: m.subject, body: m.body, body_alt: m.bodyAlt, type: m.type, size: m.size, ...audit }
    case 'text':
      return { text_id: m.id, name: m.name, description: m.description, data: m.data, type: m.type, length: m.length, ...audit }
  }
}

/** `/messages/{documents,recordings,templates,texts}` and their short forms (§4.7): CRUD. */
export function messageRoutes(r: IctcoreRouter, { core }: DialectOptions): void {
  for (const kind of ['document', 'recording', 'template', 'text'] as const) {
    const { bases, idParam } = MESSAGE_BASES[kind]
    for (const base of bases) {
      const item = `${base}/:${idParam}`
      r.post(base, async ({ actor, body }) => createMessage(core, actor, kind, messageIn(kind, body)), { summary: `Create a ${kind}` })
      r.get(base, async ({ req, actor, query }) => (await listMessages(core, actor, kind, listQueryIn(req, query, FILTERS[kind]))).map(messageOut))
      r.get(item, async ({ actor, params }) => messageOut(await getMessage(core, actor, kind, params[idParam] as number)))
      r.put(item, async ({ actor, params, body }) => messageOut(await updateMessage(core, actor, kind, params[idParam] as number, messageIn(kind, body))))
      r.delete(item, async ({ actor, params }) => {
        await deleteMessage(core, actor, kind, params[idParam] as number)
        return true
      })
    }
  }
}
