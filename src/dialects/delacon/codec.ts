// Delacon wire format (spec/delacon.md §1, §3): request parameters from form / JSON bodies and the
// query string, and the JSON envelopes with their exact key order and texts.
import type { FastifyReply, FastifyRequest } from 'fastify'

/** A body that could not be read as the spec requires (malformed JSON, a JSON non-object). */
export const MALFORMED = Symbol('malformed body')
/** A body of a content type the dialect ignores. */
export const IGNORED = Symbol('ignored body')
export type ParsedBody = Map<string, string> | typeof MALFORMED | typeof IGNORED

// JSON `true`/`false` become `Y`/`N` for these (lower-cased) names, `on`/`off` for termsCheck (§1).
const YES_NO = new Set(['whisper', 'dnis', 'voicemail', 'voicemal', 'moh', 'callrecording', 'callfeedbacksurvey', 'callfeedbacksurevy', 'ivr'])

/** Adds a name/value: names case-insensitive, first value wins, trimmed, empty = absent (§1). */
function put(map: Map<string, string>, name: string, value: string): void {
  const key = name.toLowerCase()
  if (map.has(key)) return
  const v = value.trim()
  if (v !== '') map.set(key, v)
}

/** Parses `application/x-www-form-urlencoded` text (UTF-8, `+` = space). */
export function parseForm(text: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const [k, v] of new URLSearchParams(text)) put(map, k, v)
  return map
}

/** Parses a JSON body: one object; scalars become text (§1), null is absent. */
export function parseJson(text: string): ParsedBody {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return MALFORMED
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return MALFORMED
  const map = new Map<string, string>()
  for (const [name, value] of Object.entries(doc as Record<string, unknown>)) {
    const lower = name.toLowerCase()
    if (value === null || value === undefined) continue
    if (typeof value === 'boolean') {
      put(map, name, lower === 'termscheck' ? (value ? 'on' : 'off') : YES_NO.has(lower) ? (value ? 'Y' : 'N') : String(value))
    } else if (typeof value === 'number' || typeof value === 'bigint') {
      put(map, name, String(value))
    } else if (typeof value === 'string') {
      put(map, name, value)
    } else if (lower === 'features' && Array.isArray(value) && value.every((x) => typeof x === 'string')) {
      put(map, name, value.join(','))
    } else {
      // Objects and other arrays keep their JSON text, which no rule of §8 accepts as a number or switch;
      // one nested too deep to print again (thousands of levels) makes the body malformed.
      const text = jsonText(value)
      if (text === null) return MALFORMED
      put(map, name, text)
    }
  }
  return map
}

/** JSON text of a nested value, or null when it is nested too deep to print (a stack overflow). */
function jsonText(value: unknown): string | null {
  try {
    return JSON.stringify(value)
  } catch {
    return null
  }
}

/** The request's parameters: query string overlaid by the body (body wins on a clash). */
export class Params {
  constructor(private readonly map: Map<string, string>) {}

  static of(req: FastifyRequest): Params | typeof MALFORMED {
    const body = req.body as ParsedBody | undefined
    if (body === MALFORMED) return MALFORMED
    const q = req.url.indexOf('?')
    const map = q >= 0 ? parseForm(req.url.slice(q + 1)) : new Map<string, string>()
    if (body instanceof Map) for (const [k, v] of body) map.set(k, v)
    return new Params(map)
  }

  /** The value of a parameter (case-insensitive name), undefined when absent or empty. */
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase())
  }
}

// Fixed texts of §3.
export const WAIT_MESSAGE = 'Your order for new/additional numbers is received. We will send you an email with order summary shortly.'
export const FAIL_MESSAGE = 'Your order for new/additional numbers could not be processed. Our support will look to serve your order.'
export const LOGIN_FAILED_MESSAGE = 'Invalid or missing Auth header'

/** A Delacon envelope: keys in the order of §3 (RESULT, OrderId, CID, Numbers, MESSAGE), all strings. */
export interface Envelope {
  RESULT: string
  OrderId?: number
  CID?: number
  Numbers?: string[]
  MESSAGE?: string
}

/** Compact JSON of an envelope, keys in §3 order, every scalar a string. */
export function envelopeJson(e: Envelope): string {
  const out: Record<string, string> = { RESULT: e.RESULT }
  if (e.OrderId !== undefined) out.OrderId = String(e.OrderId)
  if (e.CID !== undefined) out.CID = String(e.CID)
  if (e.Numbers !== undefined) out.Numbers = e.Numbers.join(', ')
  if (e.MESSAGE !== undefined) out.MESSAGE = e.MESSAGE
  return JSON.stringify(out)
}

/** `Data validation failed - <details>` with the fragments joined by `; ` (§3). */
export function invalid(fragments: string[]): Envelope {
  return { RESULT: 'INVALID', MESSAGE: `Data validation failed - ${fragments.join('; ')}` }
}

/** Sends a JSON text with the dialect's content type. */
export function sendJson(reply: FastifyReply, status: number, json: string): FastifyReply {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(json)
}

/** Sends an envelope (HTTP 200 unless told otherwise, §1). */
export function sendEnvelope(reply: FastifyReply, e: Envelope, status = 200): FastifyReply {
  return sendJson(reply, status, envelopeJson(e))
}

/**
 * The last path segment of a `…/*` route. Wildcards (not `:params`) keep long values out of the
 * router's 100-character parameter limit, which would answer a framework 414 instead of §6/§7 text.
 */
export function tailOf(req: FastifyRequest): string {
  return (req.params as { '*': string })['*'] ?? ''
}

/** Route-level hook: a tail with a `/` is another path (404 envelope, §1), before authentication. */
export async function singleSegment(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (tailOf(req).includes('/')) await sendEnvelope(reply, { RESULT: 'FAIL', MESSAGE: 'Not found' }, 404)
}
