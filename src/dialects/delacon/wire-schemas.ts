import type { FastifyContextConfig } from 'fastify'
import { Type } from 'typebox'

// The Delacon wire in /docs (spec/delacon.md §1, §3, §5-§7). Documentation only: the codec reads
// parameters case-insensitively from form, JSON or query with its own §8 messages, and replies are
// sent as compact JSON text in the §3 key order (plugin.ts sets pass-through compilers).

const Text = (description: string, example?: string) => Type.Optional(Type.String({ description, ...(example ? { examples: [example] } : {}) }))
const YesNo = (description: string) => Type.Optional(Type.String({ description: `${description}: Y or N (case-insensitive)`, examples: ['Y'] }))

/** Every reply of the Provisioning API: `RESULT`, then `OrderId`, `CID`, `Numbers`, `MESSAGE` when present, all strings (§3). */
export const EnvelopeReply = Type.Object({
  RESULT: Type.Enum(['OK', 'WAIT', 'FAIL', 'INVALID', 'LOGIN_FAILED']),
  OrderId: Type.Optional(Type.String({ description: 'Order id (decimal)' })),
  CID: Type.Optional(Type.String({ description: 'Company id (decimal)' })),
  Numbers: Type.Optional(Type.String({ description: 'Allocated numbers, ascending, joined by ", "' })),
  MESSAGE: Type.Optional(Type.String()),
}, {
  description: 'Result envelope (§3): HTTP 200 whatever RESULT',
  examples: [{ RESULT: 'OK', OrderId: '53', CID: '999', Numbers: '1300123456, 1300123457' }],
})

/** 404, 405 and 500 answer the same envelope (§1). */
export const FailEnvelope = (message: string) => Type.Object({ RESULT: Type.Literal('FAIL'), MESSAGE: Type.String() },
  { description: message, examples: [{ RESULT: 'FAIL', MESSAGE: message }] })

/** The routes' error replies (§1). */
export const ERROR_REPLIES = {
  404: FailEnvelope('Not found'), 405: FailEnvelope('Method not allowed'), 500: FailEnvelope('something went wrong'),
}

/** The upload types a call's parameters may come in (§1); the query string carries them too (the body wins). */
export const PARAM_TYPES = ['application/x-www-form-urlencoded', 'application/json']

/** `provision` (§5): a new customer's order, or more numbers for `companyID`. */
export const ProvisionBody = Type.Object({
  BusinessName: Text('New customer: required', 'Acme Plumbing'),
  BusCat: Text('New customer: business category'),
  EmailAddress: Text('New customer: required', 'office@acme.example'),
  TerminationNumber: Text('New customer: required; where tracked calls go', '0291234567'),
  BusID: Text('New customer: the partner\'s own reference'),
  features: Text('New customer: CallFeedbackSurvey, CallRecording or both, comma-separated'),
  region: Text('New customer: required; region name, code or country code (§7)', 'AU'),
  numberType: Text('New customer: required; a number type key of the region (§7)', '1300'),
  companyID: Text('An existing company of this partner (the fields above are then ignored)'),
  numbers: Text('Required: 1-10', '2'),
  orderSummaryEmail: Text('Emailed an order summary when the order ends OK or FAIL'),
  termsCheck: Text('New customer: required, must be on', 'on'),
}, {
  description: 'Parameter names match case-insensitively; the first value of a repeated name wins',
  examples: [{ BusinessName: 'Acme Plumbing', EmailAddress: 'office@acme.example', TerminationNumber: '0291234567', region: 'AU', numberType: '1300', numbers: '2', termsCheck: 'on' }],
})

/** `updatecustomer/{companyID}` (§6): general fields in any combination, or one switch alone. */
export const UpdateCustomerBody = Type.Object({
  BusinessName: Text('As in provision'), BusCat: Text('As in provision'), EmailAddress: Text('As in provision'),
  TerminationNumber: Text('As in provision'), BusID: Text('As in provision'),
  OneThreeHundredNumber: Text('One of the company\'s numbers: its primary number'),
  whisper: YesNo('Announce the call source'), DNIS: YesNo('Pass the dialled number'),
  xfertype: Text('1 email only, 2 transfer only, 3 transfer and email'), voicemail: YesNo('Voicemail (also voicemal)'),
  xfertime: Text('0-999 seconds'), moh: YesNo('Music on hold'), SMSmessage: Text('At most 160 characters'),
  CallTrack: Text('GooglePaid, AllPaidOnly, All, Selected or AllUtmMediumCpc'),
  CallRecording: YesNo('Switch, sent alone'), CallFeedbackSurvey: YesNo('Switch, sent alone (also CallFeedbackSurevy)'), IVR: YesNo('Switch, sent alone'),
}, { description: 'Parameter names match case-insensitively', examples: [{ whisper: 'Y', xfertime: '25' }] })

/** `getnumbertypes/{location}` (§7). */
export const NumberTypesReply = Type.Union([
  Type.Object({ Region: Type.String(), NumberTypes: Type.Array(Type.Object({ desc: Type.String(), key: Type.String() })) }),
  Type.Object({ RESULT: Type.Enum(['FAIL', 'LOGIN_FAILED']), MESSAGE: Type.String() }),
], {
  description: 'The region\'s number types, or FAIL for an unknown location',
  examples: [{ Region: 'ja-jp', NumberTypes: [{ desc: '0120 Japan Toll Free Number', key: '0120' }, { desc: '03 Tokyo', key: '03' }] }],
})

/**
 * The route's `*` tail as the named path variable of §1's table in /docs (`{companyID}`,
 * `{location}`): the route keeps its wildcard, which reads the tail as the codec needs
 * (`tailOf`: empty, escaped slashes), and only the documentation names it.
 */
export function namedTail(name: string, description: string): Pick<FastifyContextConfig, 'swaggerTransform'> {
  return {
    swaggerTransform: ({ schema, url }) => ({
      schema: { ...schema, params: Type.Object({ [name]: Type.String({ description }) }) },
      url: url.replace(/\/\*$/, `/:${name}`),
    }),
  }
}
