// The ServiceStack machinery under Porta's operations (spec/porta.md §3, §6–§8), kept apart from
// them: an operation takes a bound `ProductRequest` and returns a `ProductResponseValue`, and never
// sees a wire format. What this folder offers the rest of the dialect:
//
// - request-url.ts — raw URL → decoded segments, route suffix, query values (§3, §7.1).
// - negotiate.ts   — the reply format: ?callback, ?format, suffix, Accept, JSON (§7.1).
// - bind.ts, json-reader.ts — the `Product` DTO from body < path < query < form (§6).
// - dto-types.ts, dto.ts — the DTO declarations (names and order of the reference page) that
//   drive the codecs: jsv.ts, json.ts, xml.ts, csv.ts (with scalars.ts for dates and numbers).
// - fault.ts       — §8 ResponseStatus faults (binding, argument) in wire terms.
// - respond.ts     — a ProductResponse or a ResponseStatus in the negotiated format, and the §8 no-route 404.
//
// Tests import the modules themselves (test/dialects/porta/servicestack/); the dialect imports this index.

export { bindProduct, readBody, type BoundRequest } from './bind.ts'
export { minDate } from './dto-types.ts'
export type { PortaAccountValue, ProductRequest, ProductResponseValue } from './dto.ts'
export { argumentFault, bindingFault, PortaFault, type PortaErrorBody, type PortaFieldError } from './fault.ts'
export { BadCallback, formatOfMediaType, negotiate, type Negotiated } from './negotiate.ts'
export { parseQuery, splitRequest, type Format, type QueryValues } from './request-url.ts'
export { sendNoRoute, sendProductResponse, sendResponseStatus } from './respond.ts'
export { parseBool, parseDateTime } from './scalars.ts'
export { readXmlBody } from './xml-reader.ts'
