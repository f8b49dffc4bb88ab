import { Type, type TObject, type TProperties, type TSchema } from 'typebox'

// Building blocks of the ICTCore wire schemas (spec/ictcore.md §3, §5). They document the dialect in
// /docs and type the codec's projections; they never validate a request (the codec does, with the
// spec's messages) and never serialize a reply (see router.ts).

/** A value or null (§3: "unset optional values are `null`"). */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

/** A row id in a reply. */
export const WireId = Type.Integer({ minimum: 1, examples: [12] })
/** A unix-seconds timestamp (§3). */
export const Timestamp = Type.Integer({ description: 'Unix seconds', examples: [1796601600] })
/** A 0/1 flag (§3). */
export const Flag = Type.Enum([0, 1], { description: '0 or 1' })
/** Owner and times of an owned object (§5 "+ audit"). */
export const Audit = {
  user_id: Nullable(Type.Integer({ description: 'Owner (read-only)' })),
  date_created: Timestamp,
  last_updated: Timestamp,
}

// Request fields: what the codec accepts (§1 "Body fields"), null clears an optional field.

/** A string field of a request body. */
export const StrIn = (description?: string, example?: string) =>
  Type.Optional(Nullable(Type.String({ ...(description ? { description } : {}), ...(example ? { examples: [example] } : {}) })))
/** A string field that may also arrive as a JSON number (`phone`, `username` …). */
export const StrOrNumberIn = (description?: string, example?: string) =>
  Type.Optional(Type.Union([Type.String({ ...(example ? { examples: [example] } : {}) }), Type.Number(), Type.Null()], description ? { description } : {}))
/** A numeric field of a request body: a JSON number or a string of decimal digits. */
export const IntIn = (description?: string, example?: number) =>
  Type.Optional(Type.Union([Type.Integer({ ...(example !== undefined ? { examples: [example] } : {}) }), Type.String({ pattern: '^[0-9]{1,15}$' }), Type.Null()], description ? { description } : {}))
/** A 0/1 flag of a request body (also `"0"`, `"1"`, true, false). */
export const FlagIn = (description?: string) =>
  Type.Optional(Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal('0'), Type.Literal('1'), Type.Boolean(), Type.Null()], description ? { description } : {}))

/** A request body object (unknown fields are ignored, §1), with its example. */
export function BodyOf<P extends TProperties>(description: string, properties: P, example: Record<string, unknown>): TObject<P> {
  return Type.Object(properties, { description, examples: [example] })
}

/** The body of a POST/PUT that reads no field (send, link, start …): anything sent is ignored. */
export const EmptyBody = Type.Object({}, { description: 'No fields: any body is ignored', examples: [{}] })

// Replies (§3).

/** The error envelope of every failure: same code in the body and the HTTP status (§3). */
export const ErrorReply = Type.Object({
  error: Type.Object({ code: Type.Integer(), message: Type.String() }),
}, { description: 'Error envelope (spec/ictcore.md §3)', examples: [{ error: { code: 412, message: 'Data validation failed, for phone' } }] })

/** `POST` that creates, send/retry, schedule creation, media upload: the bare id (§3). */
export const NewId = (what: string) => Type.Integer({ minimum: 1, description: `The ${what} (a bare JSON number)`, examples: [12] })
/** `DELETE`, start/stop, cancel: the bare `true` (§3). */
export const TrueReply = Type.Literal(true, { description: 'Done: the bare JSON `true`', examples: [true] })
/** `…/status`: a bare JSON string (§4.8). */
export const StatusReply = <const S extends string[]>(states: readonly [...S]) =>
  Type.Enum(states, { description: `A bare JSON string: ${states.join(', ')}`, examples: [states[0]] })
/** A JSON array of an object (lists, §6). */
export const ListOf = <T extends TSchema>(item: T) => Type.Array(item, { description: 'List, filtered and paged by the query (§6)' })
/** A downloaded file (media, CSV). */
export const FileReply = (description: string) => Type.Unsafe<unknown>({ type: 'string', format: 'binary', description })
/** An uploaded raw file (media, CSV import): documented as binary; the codec reads the bytes. */
export const FileBody = (description: string) => Type.Unsafe<unknown>({ type: 'string', format: 'binary', description })

/**
 * The query string of a list (§6): the collection's whitelisted filters (`wire key → core name`),
 * `after`/`before` and `limit`/`offset`. Filters arrive as text; the core names a bad one (412).
 */
export function ListQuery(filters: Record<string, string>) {
  const props: Record<string, TSchema> = {}
  for (const key of Object.keys(filters)) props[key] = Type.Optional(Type.String({ description: 'Filter (§6)' }))
  props.after = Type.Optional(Type.String({ description: 'Created at or after (unix seconds)' }))
  props.before = Type.Optional(Type.String({ description: 'Created at or before (unix seconds)' }))
  props.limit = Type.Optional(Type.String({ pattern: '^[0-9]+$', description: 'Rows per page (≥ 1)' }))
  props.offset = Type.Optional(Type.String({ pattern: '^[0-9]+$', description: 'Rows skipped (≥ 0)' }))
  return Type.Object(props)
}
