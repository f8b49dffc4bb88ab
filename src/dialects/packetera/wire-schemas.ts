import { Type, type TSchema } from 'typebox'
import { textReply } from '../../http/docs.ts'
import { PACKETERA_OPERATIONS } from './operations.ts'

// The Packetera wire in /docs (spec/packetera.md §2, §3, §6, §8, §9). Documentation only: fields are
// read by name, case-insensitively, with the §3.1 codes (fields.ts), and every reply is text the
// dialect writes (reply.ts, hosted/), so Fastify compiles neither validators nor serializers from these.

const Field = (description: string, maxLength?: number) => Type.Optional(Type.String({ description, ...(maxLength ? { maxLength } : {}) }))

/** Every field of a transaction request: §2.1, §2.2, then §6's transaction fields with the codes that read them. */
export const TransactionRequest = Type.Object({
  TransactionType: Type.Optional(Type.Enum(PACKETERA_OPERATIONS.operations.map((o) => o.wireId), {
    description: `The transaction (§6): ${PACKETERA_OPERATIONS.operations.map((o) => o.summary).join('; ')}. Absent with ActivationId: 2203`,
  })),
  WebUserName: Field('§2.1 (not 2203): the partner\'s username', 20),
  WebUserPassword: Field('§2.1 (not 2203): the partner\'s API key', 20),
  UserEmail: Field('§2.1 (not 2203): the member\'s login email (1101: the new member\'s)', 30),
  UserPassword: Field('§2.1 (not 2203): the member\'s password (1101: the new member\'s, 6-30 characters)', 30),
  ResponseFormat: Type.Optional(Type.Enum(['namevalue', 'json', 'xml'], { description: '§2.2: reply format (default namevalue)' })),
  ResponseDelimiter: Field('§2.2: 1-5 characters between pairs (default &)', 5),
  ResponseSeparator: Field('§2.2: 1-5 characters between name and value (default =)', 5),
  ResponseEncapsulator: Field('§2.2: 0-1 character around each value (default none: values percent-encoded)', 1),
  FirstName: Field('1101* (20), 1201/1202 (50)', 50),
  LastName: Field('1101* (20), 1201/1202 (50)', 50),
  PhoneNumber: Field('1101*, 4101*, 4202*, 4404*, 3101, 3202', 20),
  Corporate: Field('1101*: Yes, No, true or false'),
  CompanyName: Field('1101, required when Corporate is yes', 20),
  Company_URL: Field('1101, required when Corporate is yes', 50),
  ReferBy: Field('1101', 50), Country: Field('1101', 50), State: Field('1101', 50), City: Field('1101', 20),
  ActivationId: Field('2203*: the GUID of the activation link', 40),
  ButtonGUID: Field('3308*, 3309*, 3202*, 3210*, 3404*, 5202*, 5203*', 40),
  ButtonName: Field('3101 (default Web Button), 3202', 20),
  AttributeName: Field('3210*, 5202*', 20),
  AttributeValue: Field('3210, 5202', 100),
  PhoneName: Field('4101*', 20),
  NewPhoneNumber: Field('4202', 20),
  NewPhoneName: Field('4202', 20),
  TemplateID: Field('5203: 1-4 (or TemplateName)'),
  TemplateName: Field('5203* unless TemplateID', 20),
}, {
  description: 'Names match case-insensitively; values are trimmed; on a clash the query string wins (§2). * = required by that transaction.',
  examples: [{ TransactionType: '1101', WebUserName: 'acme', WebUserPassword: 'k3y', UserEmail: 'jane@example.com', UserPassword: 'secret1', FirstName: 'Jane', LastName: 'Doe', PhoneNumber: '+61291234567', Corporate: 'No' }],
})

/** The pairs of a reply as `ResponseFormat=json` sends them (§3): Status first, then the transaction's pairs, all strings. */
export const PairsJson = Type.Object({ Status: Type.Enum(['Success', 'Failure']), ErrorCode: Type.Optional(Type.String()), ErrorMessage: Type.Optional(Type.String()) }, {
  additionalProperties: Type.String(),
  description: 'Status=Success then the §6 success pairs, or Status=Failure, ErrorCode, ErrorMessage (§3.1)',
  examples: [{ Status: 'Success', MemberID: '1001', Active: 'No', DefaultButtonGUID: 'E633AC9D-B56F-4BE9-9EB6-F703E429C738' }],
})

/** Every transaction reply (§3): HTTP 200 whatever Status, in the requested format. */
export const TRANSACTION_REPLIES = {
  200: {
    description: 'Name/Value pairs (§3), HTTP 200 whatever Status; the format of ResponseFormat',
    content: {
      'text/plain': { schema: Type.String({ description: 'namevalue (default): pairs joined by the delimiter, values percent-encoded', examples: ['Status=Success&MemberID=1001&Active=No&DefaultButtonGUID=E633AC9D-B56F-4BE9-9EB6-F703E429C738', 'Status=Failure&ErrorCode=1003&ErrorMessage=Missing%20required%20field%3A%20PhoneNumber'] }) },
      'application/json': { schema: PairsJson },
      'application/xml': { schema: Type.String({ description: 'xml: one element per pair in <Response>', examples: ['<?xml version="1.0" encoding="utf-8"?><Response><Status>Success</Status><MemberID>1001</MemberID><Active>No</Active><DefaultButtonGUID>E633AC9D-B56F-4BE9-9EB6-F703E429C738</DefaultButtonGUID></Response>'] }) },
    },
  },
}

const NotFound = Type.Object({ error: Type.Literal('not_found') }, { description: 'Unknown or deleted button, or inactive member (§8)' })

/** `button/<GUID>.json` (§8). */
export const ButtonJson = Type.Object({
  button: Type.String(), type: Type.Integer(), linkText: Type.Union([Type.String(), Type.Null()]), imageUrl: Type.Union([Type.String(), Type.Null()]),
  toolTip: Type.Union([Type.String(), Type.Null()]), teleformUrl: Type.String(), width: Type.Integer(), height: Type.Integer(),
}, { examples: [{ button: 'E633AC9D-B56F-4BE9-9EB6-F703E429C738', type: 1, linkText: 'Call me', imageUrl: null, toolTip: 'Request a callback', teleformUrl: 'https://host/packetera/teleform/E633AC9D-B56F-4BE9-9EB6-F703E429C738', width: 400, height: 350 }] })

/** `callback/<requestId>.json` (§8, §9). */
export const CallbackStatus = Type.Object({
  requestId: Type.String(), status: Type.Enum(['requested', 'calling_member', 'bridging', 'completed', 'failed']), failureReason: Type.Union([Type.String(), Type.Null()]),
}, { examples: [{ requestId: '0b6f4d1e-4c57-4f7e-9a43-1f2d0c9e8a11', status: 'requested', failureReason: null }] })

/** The callback submit (§9): form or JSON, `phone` and an optional `name`. */
export const CallbackSubmit = Type.Object({
  phone: Type.String({ description: 'E.164 (+ and 8-15 digits) or 7-15 national digits; spaces - . ( ) removed', maxLength: 20 }),
  name: Type.Optional(Type.String({ maxLength: 50 })),
}, { examples: [{ phone: '+61291234567', name: 'Jane' }] })

const json = (schema: TSchema, description: string) => ({ description, content: { 'application/json': { schema } } })

/** The hosted routes' replies (§5, §8, §9). */
export const HOSTED_REPLIES = {
  activation: { 200: textReply('text/html', 'Activation page (§5)'), 404: textReply('text/html', 'Invalid activation link') },
  script: { 200: textReply('application/javascript', 'The button script (§8)') },
  button: { 200: json(ButtonJson, 'The button (§8)'), 404: json(NotFound, 'Not available') },
  teleform: { 200: textReply('text/html', 'Teleform page (§8)'), 404: textReply('text/html', 'This call button is not available.') },
  callbackStatus: { 200: json(CallbackStatus, 'The callback request (§9)'), 404: json(NotFound, 'Unknown request') },
  callbackSubmit: {
    200: textReply('text/html', 'Created (HTML: Accept without application/json)'),
    202: json(Type.Object({ requestId: Type.String(), status: Type.Literal('requested') }), 'Created (JSON)'),
    400: json(Type.Object({ error: Type.Enum(['invalid_phone', 'invalid_name']) }), 'Invalid phone or name (HTML: the form again)'),
    404: json(NotFound, 'Not available'),
    409: json(Type.Object({ error: Type.Literal('already_in_progress'), requestId: Type.String() }), 'A call to this number is in progress'),
    429: json(Type.Object({ error: Type.Literal('rate_limited'), retryAfter: Type.Integer() }), 'Too many requests (Retry-After)'),
  },
}
