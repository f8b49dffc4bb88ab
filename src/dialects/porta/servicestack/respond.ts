import type { FastifyReply } from 'fastify'
import { csvCell, writeCsv } from './csv.ts'
import { ErrorResponse, ProductResponse, ResponseStatus, type ProductResponseValue } from './dto.ts'
import type { PortaErrorBody } from './fault.ts'
import { writeJson } from './json.ts'
import { writeJsv } from './jsv.ts'
import type { Negotiated } from './negotiate.ts'
import { writeXml, writeXmlError } from './xml.ts'

// Writing a reply in the negotiated format (spec/porta.md §7.1 content types, §8 error bodies).

function contentType(neg: Negotiated): string {
  if (neg.callback) return 'application/javascript; charset=utf-8'
  switch (neg.format) {
    case 'json': return 'application/json; charset=utf-8'
    case 'jsv': return neg.jsvTextType ? 'text/jsv' : 'application/jsv'
    case 'xml': return 'application/xml'
    case 'csv': return 'text/csv'
  }
}

/** Sends a ProductResponse with status 200. */
export function sendProductResponse(reply: FastifyReply, neg: Negotiated, body: ProductResponseValue): FastifyReply {
  const value = body as Record<string, unknown>
  let text: string
  switch (neg.format) {
    case 'json': text = writeJson(value, ProductResponse); break
    case 'jsv': text = writeJsv(value, ProductResponse); break
    case 'xml': text = writeXml(value, ProductResponse); break
    case 'csv': text = writeCsv(value, ProductResponse); break
  }
  if (neg.callback) text = `${neg.callback}(${text})`
  return reply.code(200).type(contentType(neg)).send(text)
}

/** Sends a §8 error body (a fault, or a domain error the dialect rendered); the reason phrase is the ErrorCode. */
export function sendResponseStatus(reply: FastifyReply, neg: Negotiated, r: PortaErrorBody): FastifyReply {
  const status = { ErrorCode: r.ErrorCode, Message: r.Message, Errors: r.Errors }
  let text: string
  switch (neg.format) {
    case 'json': text = writeJson({ ResponseStatus: status }, ErrorResponse); break
    case 'jsv': text = writeJsv({ ResponseStatus: status }, ErrorResponse); break
    case 'xml': text = writeXmlError(status); break
    case 'csv': text = `ResponseStatus\r\n${csvCell(writeJsv(status, ResponseStatus))}\r\n`; break
  }
  if (neg.callback) text = `${neg.callback}(${text})`
  reply.raw.statusMessage = r.ErrorCode
  return reply.code(r.status).type(contentType(neg)).send(text)
}

/** §8 no route: 404 text/plain `Handler for Request not found (404)`. */
export function sendNoRoute(reply: FastifyReply): FastifyReply {
  return reply.code(404).type('text/plain; charset=utf-8').send('Handler for Request not found (404)')
}
