import { Type, type Static, type TSchema } from 'typebox'
import { Invalid } from '../../../core/errors.ts'
import type { MessageFields, MessageKind, MessageView } from '../../../core/messages/index.ts'
import { bodyOf, ts } from '../codec.ts'
import { Audit, BodyOf, Nullable, StrIn, WireId } from './wire-schemas.ts'

const AUDIT_EXAMPLE = { user_id: 3, date_created: 1796601600, last_updated: 1796601600 }
const fileFields = {
  type: Nullable(Type.String({ description: 'Extension of the (first) file, null before an upload' })),
  parts: Type.Integer({ description: 'Number of files' }), size: Type.Integer({ description: 'Total bytes' }),
}

/** Document (§5.5). */
export const DocumentView = Type.Object({ document_id: WireId, name: Type.String(), description: Nullable(Type.String()), ...fileFields, ...Audit }, {
  description: 'Document (§5.5)', examples: [{ document_id: 12, name: 'Invoice', description: null, type: 'pdf', parts: 1, size: 48213, ...AUDIT_EXAMPLE }],
})
/** Recording (§5.5): a document of audio. */
export const RecordingView = Type.Object({ recording_id: WireId, name: Type.String(), description: Nullable(Type.String()), ...fileFields, ...Audit }, {
  description: 'Recording (§5.5)', examples: [{ recording_id: 4, name: 'Greeting', description: null, type: 'wav', parts: 1, size: 160044, ...AUDIT_EXAMPLE }],
})
/** Template (§5.6): an email. */
export const TemplateView = Type.Object({
  template_id: WireId, name: Type.String(), description: Nullable(Type.String()), subject: Type.String(), body: Type.String({ description: 'HTML' }),
  body_alt: Nullable(Type.String({ description: 'Plain text' })), type: Nullable(Type.String({ description: 'Extension of the attachment' })),
  size: Type.Integer({ description: 'Attachment bytes' }), ...Audit,
}, {
  description: 'Template (§5.6)',
  examples: [{ template_id: 6, name: 'Welcome', description: null, subject: 'Welcome', body: '<p>Hello</p>', body_alt: 'Hello', type: null, size: 0, ...AUDIT_EXAMPLE }],
})
/** Text (§5.6): an SMS or TTS text. */
export const TextView = Type.Object({
  text_id: WireId, name: Type.String(), description: Nullable(Type.String()), data: Type.String({ description: 'The message' }),
  type: Type.Enum(['plain', 'unicode', 'binary']), length: Type.Integer({ description: 'Characters of data' }), ...Audit,
}, { description: 'Text (§5.6)', examples: [{ text_id: 11, name: 'Reminder', description: null, data: 'Your order is ready', type: 'plain', length: 19, ...AUDIT_EXAMPLE }] })

/** The wire view of each message kind. */
export const MESSAGE_VIEWS = { document: DocumentView, recording: RecordingView, template: TemplateView, text: TextView } as const satisfies Record<MessageKind, TSchema>
type MessageWire = Static<typeof DocumentView> | Static<typeof RecordingView> | Static<typeof TemplateView> | Static<typeof TextView>

const NAMED = { name: StrIn('Required on create', 'Invoice'), description: StrIn() }
/** The request body of each message kind (§5.5, §5.6). */
export const MESSAGE_BODIES = {
  document: BodyOf('DocumentPost (§5.5): POST needs name; the file is uploaded to …/media', NAMED, { name: 'Invoice', description: 'March' }),
  recording: BodyOf('Recording (§5.5): POST needs name; the file is uploaded to …/media', NAMED, { name: 'Greeting' }),
  template: BodyOf('Template (§5.6): POST needs name, subject and body', {
    ...NAMED, subject: StrIn('Required on create', 'Welcome'), body: StrIn('HTML, required on create', '<p>Hello</p>'), body_alt: StrIn('Plain text'),
  }, { name: 'Welcome', subject: 'Welcome', body: '<p>Hello</p>', body_alt: 'Hello' }),
  text: BodyOf('Text (§5.6): POST needs name and data', {
    ...NAMED, data: StrIn('1-1600 characters, required on create', 'Your order is ready'), type: StrIn('plain | unicode | binary (default from data)'),
  }, { name: 'Reminder', data: 'Your order is ready' }),
} as const

/** List filters per kind: wire query key → core filter name (§6). */
export const MESSAGE_FILTERS: Record<MessageKind, Record<string, string>> = {
  document: { document_id: 'id', user_id: 'userId', created_by: 'userId', type: 'type', name: 'name', description: 'description' },
  recording: { recording_id: 'id', user_id: 'userId', created_by: 'userId', type: 'type', name: 'name', description: 'description' },
  template: { template_id: 'id', user_id: 'userId', created_by: 'userId', type: 'type', name: 'name', description: 'description', subject: 'subject' },
  text: { text_id: 'id', user_id: 'userId', created_by: 'userId', type: 'type', name: 'name', description: 'description', data: 'data' },
}

/** An optional string field: absent → undefined, null → null; other types → 412 for it. */
function str<K extends string>(b: { readonly [k in K]?: unknown }, key: K): string | null | undefined {
  const v: unknown = b[key]
  if (v === undefined || v === null || typeof v === 'string') return v
  throw new Invalid(key, 'must be a string')
}

/** Message body → core fields (the fields of the kind; others are ignored). */
export function messageIn(kind: MessageKind, body: unknown): MessageFields {
  const b = bodyOf<(typeof MESSAGE_BODIES)['template'] | (typeof MESSAGE_BODIES)['text']>(body)
  const f: MessageFields = { name: str(b, 'name'), description: str(b, 'description') }
  if (kind === 'template') Object.assign(f, { subject: str(b, 'subject'), body: str(b, 'body'), bodyAlt: str(b, 'body_alt') })
  if (kind === 'text') Object.assign(f, { data: str(b, 'data'), type: str(b, 'type') })
  return f
}

/** Document / Recording / Template / Text (§5.5, §5.6): every field, audit included. */
export function messageOut(m: MessageView): MessageWire {
  const audit = { user_id: m.userId, date_created: ts(m.createdAt), last_updated: ts(m.updatedAt) }
  switch (m.kind) {
    case 'document':
      return { document_id: m.id, name: m.name, description: m.description, type: m.type, parts: m.parts, size: m.size, ...audit }
    case 'recording':
      return { recording_id: m.id, name: m.name, description: m.description, type: m.type, parts: m.parts, size: m.size, ...audit }
    case 'template':
      return { template_id: m.id, name: m.name, description: m.description, subject: m.subject, body: m.body, body_alt: m.bodyAlt, type: m.type, size: m.size, ...audit }
    case 'text':
      return { text_id: m.id, name: m.name, description: m.description, data: m.data, type: m.type, length: m.length, ...audit }
  }
}
