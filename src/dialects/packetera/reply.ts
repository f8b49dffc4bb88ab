import type { FastifyReply } from 'fastify'
import { failures, type PacketeraFailure } from './errors.ts'
import type { PacketeraInput } from './request.ts'
import { BUILTIN_REPLY, checkReplySetting as checkSetting, replyClash as clash, type ReplyConfig, type ReplySetting as Setting } from '../../core/resellers/index.ts'
import { PACKETERA_REPLY_KEY, storedReplyDefaults } from '../../core/resellers/index.ts'

// The validity rules of the four settings and their combinations live in core (reply-defaults.ts),
// shared with the partner settings that store a partner's defaults.
export { BUILTIN_REPLY, type ReplyConfig }
export type Pairs = [string, string][]

/** No settings given: most requests and partners (shared, never written). */
const NONE: Partial<ReplyConfig> = Object.freeze({})

/** Wire names of the four response configuration fields, in the order they are checked. */
const WIRE: Record<Setting, string> = {
  format: 'ResponseFormat', delimiter: 'ResponseDelimiter', separator: 'ResponseSeparator', encapsulator: 'ResponseEncapsulator',
}

/**
 * Step 1 of §3.2: the request's response configuration fields over the built-in defaults. Returns
 * the fields that are valid (each on its own and together with the built-ins), the configuration
 * to answer with now, and the first failure (1005) if any field was refused.
 */
export function requestReplyConfig(input: PacketeraInput): { overrides: Partial<ReplyConfig>; config: ReplyConfig; failure?: PacketeraFailure } {
  let overrides: Partial<ReplyConfig> = NONE
  let failure: PacketeraFailure | undefined
  for (const setting of Object.keys(WIRE) as Setting[]) {
    const sent = setting === 'format' ? input.get(WIRE[setting]) : input.raw(WIRE[setting])
    if (sent === undefined) continue
    if (overrides === NONE) overrides = {}
    const ok = checkSetting(setting, sent)
    if (ok === undefined) failure ??= failures.invalid(WIRE[setting])
    else (overrides as Record<Setting, string>)[setting] = ok
  }
  if (overrides === NONE) return { overrides, config: BUILTIN_REPLY, failure }
  for (let bad = clash({ ...BUILTIN_REPLY, ...overrides }, overrides); bad; bad = clash({ ...BUILTIN_REPLY, ...overrides }, overrides)) {
    failure ??= failures.invalid(WIRE[bad])
    delete overrides[bad]
  }
  return { overrides, config: { ...BUILTIN_REPLY, ...overrides }, failure }
}

/** The settings key of a partner's stored reply defaults (`resellers.settings`, core's partner settings). */
export const PARTNER_REPLY_SETTINGS_KEY = PACKETERA_REPLY_KEY

/** A partner's stored defaults (core's partner settings), each checked on its own (invalid ones are ignored). */
export function partnerReplyDefaults(settings: Record<string, unknown> | null | undefined): Partial<ReplyConfig> {
  if (!settings?.[PARTNER_REPLY_SETTINGS_KEY]) return NONE
  const out = storedReplyDefaults(settings)
  return Object.keys(out).length ? out : NONE
}

/**
 * The configuration once the partner is known: request field > partner default > built-in. When a
 * partner default clashes with the request's fields, the partner's defaults are set aside.
 */
export function effectiveReplyConfig(overrides: Partial<ReplyConfig>, settings: Record<string, unknown> | null | undefined): ReplyConfig {
  const defaults = partnerReplyDefaults(settings)
  if (defaults === NONE && overrides === NONE) return BUILTIN_REPLY
  const merged = { ...BUILTIN_REPLY, ...defaults, ...overrides }
  return clash(merged, {}) ? { ...BUILTIN_REPLY, ...overrides } : merged
}

// Lone surrogates cannot be encoded (encodeURIComponent throws); XML 1.0 refuses most controls.
// String.prototype.toWellFormed (ES2024, in Node 20) turns each lone surrogate into U+FFFD natively.
function wellFormed(s: string): string {
  return (s as string & { toWellFormed(): string }).toWellFormed()
}

function xmlChars(s: string): string {
  let out = ''
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    out += (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff ? '\uFFFD' : ch
  }
  return out
}

/** Renders an ordered list of pairs in the configured format (spec §3). */
export function renderPairs(pairs: Pairs, c: ReplyConfig): { contentType: string; body: string } {
  switch (c.format) {
    case 'json':
      return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(Object.fromEntries(pairs.map(([n, v]) => [n, wellFormed(v)]))) }
    case 'xml': {
      const esc = (s: string) => xmlChars(wellFormed(s)).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      return {
        contentType: 'application/xml; charset=utf-8',
        body: `<?xml version="1.0" encoding="utf-8"?><Response>${pairs.map(([n, v]) => `<${n}>${esc(v)}</${n}>`).join('')}</Response>`,
      }
    }
    case 'namevalue': {
      const e = c.encapsulator
      const value = e ? (v: string) => e + wellFormed(v).split(e).join(e + e) + e : (v: string) => encodeURIComponent(wellFormed(v))
      return { contentType: 'text/plain; charset=utf-8', body: pairs.map(([n, v]) => n + c.separator + value(v)).join(c.delimiter) }
    }
  }
}

/** Sends a reply: always HTTP 200 (spec §3). */
export function sendPairs(reply: FastifyReply, pairs: Pairs, c: ReplyConfig): FastifyReply {
  const { contentType, body } = renderPairs(pairs, c)
  return reply.code(200).type(contentType).send(body)
}

export function successPairs(pairs: Pairs): Pairs {
  return [['Status', 'Success'], ...pairs]
}

export function failurePairs(f: PacketeraFailure): Pairs {
  return [['Status', 'Failure'], ['ErrorCode', String(f.code)], ['ErrorMessage', f.text]]
}
