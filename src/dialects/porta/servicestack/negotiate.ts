import type { Format, QueryValues } from './request-url.ts'

// Response-format negotiation, spec/porta.md §7.1, first rule that applies:
// (1) ?callback → JSONP, (2) ?format, (3) route suffix, (4) predefined-route format segment,
// (5) Accept (highest q; */* → the request's Content-Type if supported), (6) JSON.

export interface Negotiated {
  format: Format
  /** JSONP callback name (format is then json). */
  callback: string | null
  /** JSV is `text/jsv` on `/jsv/reply/Product`, `application/jsv` elsewhere. */
  jsvTextType: boolean
}

export interface NegotiationInput {
  query: QueryValues
  suffix: Format | null
  /** The `/{fmt}/…` segment of a predefined route. */
  routeFormat?: Format | null
  accept?: string
  contentType?: string
}

const CALLBACK = /^[A-Za-z_$][A-Za-z0-9_$.]*$/

const MEDIA_TYPES: Record<string, Format> = {
  'application/json': 'json', 'text/json': 'json',
  'application/jsv': 'jsv', 'text/jsv': 'jsv',
  'application/xml': 'xml', 'text/xml': 'xml',
  'text/csv': 'csv',
}

/** Thrown when `?callback` is not a valid JavaScript name; `negotiated` is the format without it. */
export class BadCallback extends Error {
  constructor(readonly negotiated: Negotiated) {
    super('invalid callback')
  }
}

/** The response format of a request. Throws BadCallback for an invalid `?callback`. */
export function negotiate(input: NegotiationInput): Negotiated {
  const jsvTextType = input.routeFormat === 'jsv'
  const callback = input.query.get('callback')?.value
  const format = formatOf(input)
  if (callback !== undefined && callback !== '') {
    if (!CALLBACK.test(callback)) throw new BadCallback({ format, callback: null, jsvTextType })
    return { format: 'json', callback, jsvTextType }
  }
  return { format, callback: null, jsvTextType }
}

function formatOf(input: NegotiationInput): Format {
  const requested = input.query.get('format')?.value
  if (requested !== undefined) {
    const name = requested.split('.')[0]!.trim().toLowerCase()
    if (name === 'json' || name === 'xml' || name === 'jsv' || name === 'csv') return name
  }
  if (input.suffix) return input.suffix
  if (input.routeFormat) return input.routeFormat
  return fromAccept(input.accept, input.contentType) ?? 'json'
}

/** The media type's format, ignoring parameters and case. */
export function formatOfMediaType(value: string | undefined): Format | undefined {
  if (!value) return undefined
  return MEDIA_TYPES[value.split(';')[0]!.trim().toLowerCase()]
}

function fromAccept(accept: string | undefined, contentType: string | undefined): Format | undefined {
  if (!accept) return undefined
  let best: Format | undefined
  let bestQ = 0
  for (const part of accept.split(',')) {
    const [type, ...params] = part.split(';')
    const media = type!.trim().toLowerCase()
    let q = 1
    for (const p of params) {
      const [k, v] = p.split('=')
      if (k!.trim().toLowerCase() === 'q') {
        const n = Number(v?.trim())
        q = Number.isFinite(n) ? n : 0
      }
    }
    if (q <= 0) continue
    const format = media === '*/*' ? formatOfMediaType(contentType) : MEDIA_TYPES[media]
    if (format && q > bestQ) {
      best = format
      bestQ = q
    }
  }
  return best
}
