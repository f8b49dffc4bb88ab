import { Invalid } from '../../../core/errors.ts'
import {
  isProgramType, PROGRAM_TYPES, UNIMPLEMENTED_PROGRAM_TYPES, type ProgramFields, type ProgramParams, type ProgramType, type ProgramView,
} from '../../../core/programs/index.ts'
import { bodyObject, ts, wireInt, wireStr } from '../codec.ts'
import { IctcoreHttpError, NOT_FOUND } from '../errors.ts'

/** Program codecs shared by `/programs`, `/programs/{type}` (spec/ictcore.md §4.1, §4.2, §5.7) and the routes that embed a program. */

/** Wire name of each type parameter (§5.7). */
const PARAM_WIRE: Record<keyof ProgramParams, string> = {
  documentId: 'document_id', recordingId: 'recording_id', textId: 'text_id', text: 'text', templateId: 'template_id', email: 'email', extensionId: 'extension_id',
}

/** Program body → core fields (parameters outside the program's type are ignored by core). */
export function programIn(body: unknown): ProgramFields {
  const b = bodyObject(body)
  return {
    name: wireStr(b, 'name', true), parentId: wireInt(b, 'parent_id'), accountId: wireInt(b, 'account_id'),
    documentId: wireInt(b, 'document_id'), recordingId: wireInt(b, 'recording_id'), textId: wireInt(b, 'text_id'),
    templateId: wireInt(b, 'template_id'), extensionId: wireInt(b, 'extension_id'), text: wireStr(b, 'text'), email: wireStr(b, 'email'),
  }
}

/** Program (§5.7): common fields, then every parameter of its type (null when unset). */
export function programOut(p: ProgramView) {
  const params: Record<string, unknown> = {}
  for (const key of PROGRAM_TYPES[p.type].params) params[PARAM_WIRE[key]] = p.params[key] ?? null
  return {
    program_id: p.id, name: p.name, type: p.type, parent_id: p.parentId, service_flag: p.serviceFlag, direction: p.direction,
    account_id: p.accountId, ...params, user_id: p.userId, date_created: ts(p.createdAt), last_updated: ts(p.updatedAt),
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
  const type = wireStr(bodyObject(body), 'type')
  if (type === undefined || type === null || type === '') throw new Invalid('type', 'is required', 'required')
  if (UNIMPLEMENTED_PROGRAM_TYPES.includes(type)) throw new IctcoreHttpError(501, 'Not implemented')
  return type
}
