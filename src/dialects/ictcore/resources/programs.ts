import { Type, type Static } from 'typebox'
import { Invalid } from '../../../core/errors.ts'
import {
  isProgramType, PROGRAM_TYPES, UNIMPLEMENTED_PROGRAM_TYPES, type ProgramFields, type ProgramParams, type ProgramType, type ProgramView,
} from '../../../core/programs/index.ts'
import { bodyOf, ts, wireInt, wireStr } from '../codec.ts'
import { IctcoreHttpError, NOT_FOUND } from '../errors.ts'
import { Audit, BodyOf, IntIn, Nullable, StrIn, StrOrNumberIn, WireId } from './wire-schemas.ts'

/** Program codecs shared by `/programs`, `/programs/{type}` (spec/ictcore.md §4.1, §4.2, §5.7) and the routes that embed a program. */

/** Wire name of each type parameter (§5.7). */
const PARAM_WIRE = {
  documentId: 'document_id', recordingId: 'recording_id', textId: 'text_id', text: 'text', templateId: 'template_id', email: 'email', extensionId: 'extension_id',
} as const satisfies Record<keyof ProgramParams, string>

/** Every program type name (§7.4); the compiler checks the list against core's. */
export const PROGRAM_TYPE_NAMES = [
  'sendfax', 'voicemessage', 'voicetts', 'sendsms', 'sendemail', 'receivefax', 'faxtoemail', 'receivesms', 'receiveemail', 'emailtofax', 'forward',
  'callback',
] as const satisfies readonly ProgramType[]
const everyProgramType: ProgramType extends (typeof PROGRAM_TYPE_NAMES)[number] ? true : never = true
void everyProgramType

/** Program (§5.7): common fields, then the parameters of its type (only those of its type are present). */
export const ProgramWire = Type.Object({
  program_id: WireId, name: Type.String(), type: Type.Enum(PROGRAM_TYPE_NAMES), parent_id: Nullable(Type.Integer()),
  service_flag: Type.Integer({ description: 'voice 1, fax 2, sms 4, email 8' }), direction: Type.Enum(['outbound', 'inbound']),
  account_id: Nullable(Type.Integer()),
  document_id: Type.Optional(Nullable(Type.Integer({ description: 'sendfax' }))),
  recording_id: Type.Optional(Nullable(Type.Integer({ description: 'voicemessage' }))),
  text_id: Type.Optional(Nullable(Type.Integer({ description: 'sendsms, voicetts' }))),
  text: Type.Optional(Nullable(Type.String({ description: 'voicetts' }))),
  template_id: Type.Optional(Nullable(Type.Integer({ description: 'sendemail' }))),
  email: Type.Optional(Nullable(Type.String({ description: 'faxtoemail: destination' }))),
  extension_id: Type.Optional(Nullable(Type.Integer({ description: 'forward' }))),
  ...Audit,
}, {
  description: 'Program (§5.7)',
  examples: [{
    program_id: 9, name: 'sendsms', type: 'sendsms', parent_id: null, service_flag: 4, direction: 'outbound', account_id: 5, text_id: 11,
    user_id: 3, date_created: 1796601600, last_updated: 1796601600,
  }],
})

/** The body fields of a program (§5.7): its name, parent and the parameters of its type. */
const PROGRAM_FIELDS = {
  name: StrOrNumberIn('Default: the type name', 'Order reminder'), parent_id: IntIn('A visible program'), account_id: IntIn('Default account (outbound) or the account served (inbound)', 5),
  document_id: IntIn('sendfax: the document (required)'), recording_id: IntIn('voicemessage: the recording (required)'),
  text_id: IntIn('sendsms: the text (required); voicetts: text or text_id', 11), template_id: IntIn('sendemail: the template (required)'),
  extension_id: IntIn('forward: an extension account (required)'), text: StrIn('voicetts: 1-4000 characters'), email: StrIn('faxtoemail: destination'),
}
const PROGRAM_EXAMPLE = { name: 'Order reminder', text_id: 11, account_id: 5 }

/** Program body of `POST /programs/{type}`, `PUT /programs/{id}`, `PUT /accounts/{id}/programs/{type}` (§5.7). */
export const ProgramBody = BodyOf('Program (§5.7): name, parent and the parameters of its type (others are ignored)', PROGRAM_FIELDS, PROGRAM_EXAMPLE)
/** `POST /programs` (§4.1): a program with its `type`. */
export const TypedProgramBody = BodyOf('Program (§5.7) with its type (required; agent and ivr → 501)', {
  type: StrIn('A program type (§7.4)', 'sendsms'), ...PROGRAM_FIELDS,
}, { type: 'sendsms', ...PROGRAM_EXAMPLE })

type ProgramParamsWire = Pick<Static<typeof ProgramWire>, (typeof PARAM_WIRE)[keyof ProgramParams]>

/** Program body → core fields (parameters outside the program's type are ignored by core). */
export function programIn(body: unknown): ProgramFields {
  const b = bodyOf<typeof ProgramBody>(body)
  return {
    name: wireStr(b, 'name', true), parentId: wireInt(b, 'parent_id'), accountId: wireInt(b, 'account_id'),
    documentId: wireInt(b, 'document_id'), recordingId: wireInt(b, 'recording_id'), textId: wireInt(b, 'text_id'),
    templateId: wireInt(b, 'template_id'), extensionId: wireInt(b, 'extension_id'), text: wireStr(b, 'text'), email: wireStr(b, 'email'),
  }
}

/** Program (§5.7): common fields, then every parameter of its type (null when unset). */
export function programOut(p: ProgramView): Static<typeof ProgramWire> {
  const params: Record<string, number | string | null> = {}
  for (const key of PROGRAM_TYPES[p.type].params) params[PARAM_WIRE[key]] = p.params[key] ?? null
  return {
    program_id: p.id, name: p.name, type: p.type, parent_id: p.parentId, service_flag: p.serviceFlag, direction: p.direction,
    // Each wire name carries the value of its core parameter (PARAM_WIRE), of the schema's type.
    account_id: p.accountId, ...(params as ProgramParamsWire), user_id: p.userId, date_created: ts(p.createdAt), last_updated: ts(p.updatedAt),
  }
}

/** A `{type}` path segment: a program type, 501 for `agent`/`ivr`, else the 404 envelope. */
export function programTypeParam(name: string | number | undefined): ProgramType {
  const type = String(name)
  if (isProgramType(type)) return type
  if (UNIMPLEMENTED_PROGRAM_TYPES.includes(type)) throw new IctcoreHttpError(501, 'Not implemented')
  throw new IctcoreHttpError(404, NOT_FOUND.error.message)
}

/** Program list filters (§6): wire key → core filter name. */
export const PROGRAM_FILTERS: Record<string, string> = {
  program_id: 'id', parent_id: 'parentId', user_id: 'userId', created_by: 'userId', type: 'type', name: 'name',
}

/** The `type` of a `POST /programs` body: required; `agent`/`ivr` → 501. */
export function typeOfBody(body: unknown): string {
  const type = wireStr(bodyOf<typeof TypedProgramBody>(body), 'type')
  if (type === undefined || type === null || type === '') throw new Invalid('type', 'is required', 'required')
  if (UNIMPLEMENTED_PROGRAM_TYPES.includes(type)) throw new IctcoreHttpError(501, 'Not implemented')
  return type
}
