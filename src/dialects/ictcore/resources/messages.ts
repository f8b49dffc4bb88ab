import { Invalid } from '../../../core/errors.ts'
import type { MessageFields, MessageKind, MessageView } from '../../../core/messages/index.ts'
import { bodyObject, ts } from '../codec.ts'

/** List filters per kind: wire query key → core filter name (§6). */
export const MESSAGE_FILTERS: Record<MessageKind, Record<string, string>> = {
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
