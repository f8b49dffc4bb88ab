import { Type, type TSchema } from 'typebox'
import { textReply, type DocumentedOperation, type DocumentedOperations, type DocumentedReply } from '../../http/docs.ts'
import { PORTA_ROUTES } from './operations.ts'
import type { FieldType, ObjectType } from './servicestack/dto-types.ts'
import { ErrorResponse, ProductBinding, ProductResponse } from './servicestack/dto.ts'

// Porta in /docs: every path under the prefix reaches one catch-all route (§3 matching is not
// Fastify's), so /docs lists the wire routes as documentation-only operations generated from the
// route table (PORTA_ROUTES) and the DTO declarations (ProductBinding, ProductResponse, ErrorResponse,
// written once as components): a new route or field shows up without editing this file.

/** The JSON Schema of a DTO type as the JSON writer writes it (§7.2): null properties omitted, enums by name, dates `\/Date(ms)\/`. */
export function dtoSchema(type: FieldType, seen: readonly ObjectType[] = []): TSchema {
  if (type === 'string') return Type.String()
  if (type === 'int') return Type.Integer()
  if (type === 'decimal') return Type.Number()
  if (type === 'bool') return Type.Boolean()
  if (type === 'datetime') return Type.String({ description: 'WCF date: /Date(ms-0000)/' })
  if (type.kind === 'enum') return Type.Enum(Object.keys(type.members), { description: type.name })
  if (type.kind === 'list') return Type.Array(dtoSchema(type.item, seen))
  // A DTO inside itself is documented once.
  if (seen.includes(type)) return Type.Object({}, { description: type.name })
  return Type.Object(Object.fromEntries(type.fields.map((f) => [f.name, Type.Optional(dtoSchema(f.type, [...seen, type]))])), { title: type.name, additionalProperties: false })
}

/** How a field is written in a path or query (§6: bound from text), its DTO type as the format. */
function textField(type: FieldType, required: boolean): TSchema {
  const s = Type.String({ format: typeof type === 'string' ? type : type.kind === 'enum' ? type.name : type.kind === 'list' ? 'list' : 'jsv' })
  return required ? s : Type.Optional(s)
}

const BODY_TYPES = ['application/json', 'application/xml', 'text/jsv', 'application/x-www-form-urlencoded']

/** A §3 or §5 route's reply (§4), with the ProductResponse schema written once in the document. */
const replyOf = (docs: DocumentedOperations): DocumentedReply => ({
  description: 'ProductResponse (§4) in the negotiated format: .json/.xml/.jsv/.csv suffix, ?format=, Accept (§7); ?callback= wraps JSON (JSONP)',
  content: {
    'application/json': { schema: docs.component('PortaProductResponse', dtoSchema(ProductResponse)) },
    'application/xml': { schema: Type.String({ description: 'DataContract XML' }) },
    'text/jsv': { schema: Type.String({ description: 'JSV' }) },
    'text/csv': { schema: Type.String({ description: 'CSV of the reply lists' }) },
  },
})

/** The §8 error replies: ErrorResponse in the negotiated format (JSON shown). */
const errorsOf = (docs: DocumentedOperations): Record<string, DocumentedReply> => Object.fromEntries([
  ['400', 'SerializationException (binding) or ArgumentException'], ['401', 'Unauthorized: License missing, unknown or revoked'],
  ['403', 'Forbidden: partner suspended or not enabled for Porta'], ['404', 'NotFound: subject out of scope (text "Handler for Request not found" when no route)'],
  ['405', 'NotSupportedException (a CSV body)'], ['500', 'InternalServerError'],
].map(([status, description]) => [status, { description: description!, content: { 'application/json': { schema: docs.component('PortaErrorResponse', dtoSchema(ErrorResponse)) } } }]))

/** Adds the §3 routes and §5 predefined routes under `prefix`, and the §9 metadata pages. */
export function documentPorta(docs: DocumentedOperations, prefix: string): void {
  const reply = replyOf(docs)
  const errors = errorsOf(docs)
  const product = docs.component('PortaProduct', dtoSchema(ProductBinding))
  const routes = PORTA_ROUTES.map((r): DocumentedOperation => {
    const vars = r.path.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1))
    const fieldType = (name: string) => ProductBinding.fields.find((f) => f.key === name.toLowerCase())?.type ?? 'string'
    const query = ProductBinding.fields.filter((f) => !vars.some((v) => v.toLowerCase() === f.key))
    return {
      method: r.verb.toLowerCase() as DocumentedOperation['method'],
      path: `${prefix}${r.path.replace(/:(\w+)/g, '{$1}')}`,
      tag: 'porta',
      summary: `${r.operation.wireId} (§3 row ${r.row})`,
      description: `${r.operation.summary}. Path variables bind the Product field of the same name (ignoring case); the other fields may come in the query string or a body (§6).`,
      params: Type.Object(Object.fromEntries(vars.map((v) => [v, textField(fieldType(v), true)]))),
      querystring: Type.Object(Object.fromEntries(query.map((f) => [f.name, textField(f.type, false)]))),
      ...(r.verb === 'POST' ? { body: { consumes: BODY_TYPES, schema: product } } : {}),
      response: { 200: reply, ...errors },
    }
  })
  const predefined = (path: string, summary: string): DocumentedOperation => ({
    method: 'post', path: `${prefix}${path}`, tag: 'porta', summary,
    description: 'Any verb. The operation is chosen from the bound Product: FeatureName when it names one, else the §5 rules. License is a Product field.',
    body: { consumes: BODY_TYPES, schema: product },
    response: { 200: reply, ...errors },
  })
  const page = (path: string, summary: string, text: DocumentedReply): DocumentedOperation => ({ method: 'get', path: `${prefix}${path}`, tag: 'porta', summary, response: { 200: text } })
  docs.add(...[
    ...routes,
    predefined('/api/Product', 'Product (predefined route, §5): reply format negotiated'),
    predefined('/{format}/reply/Product', 'Product (predefined route, §5): format json, xml, jsv or csv reads the body and is the reply format'),
    { ...predefined('/{format}/oneway/Product', 'Product one-way (predefined route, §5): 204 with an empty body on success'), response: { 204: { description: 'Done', content: {} }, ...errors } },
    page('/metadata', 'Metadata index (§9; no License)', textReply('text/html', 'The metadata index')),
    { ...page('/{format}/metadata', 'Metadata page of the Product operation (§9; no License)', textReply('text/html', 'Routes and samples')), querystring: Type.Object({ op: Type.Literal('Product') }) },
    page('/types/typescript', 'TypeScript DTOs (§9; no License)', textReply('text/plain', 'TypeScript declarations')),
  ].map((op) => (op.path.includes('{format}') ? { ...op, params: Type.Object({ format: Type.Enum(['json', 'xml', 'jsv', 'csv']) }) } : op)))
}
