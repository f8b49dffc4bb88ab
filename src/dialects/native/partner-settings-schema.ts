import { Type } from 'typebox'
import { MAX_CALLBACK_RETRY_DELAY_SECONDS, MAX_PENDING_ORDER_TIMEOUT_HOURS, MAX_TOKEN_TTL_SECONDS } from '../../core/resellers/partner-settings.ts'

// The TypeBox schemas of a partner's settings (GET / PUT /resellers/:id/settings): one source for
// validation, the OpenAPI document and serialization. Core (partner-settings.ts) checks every value
// again and names the setting; these schemas say the same to /docs.

const ReplyFormat = Type.Union([Type.Literal('namevalue'), Type.Literal('json'), Type.Literal('xml')])
const Backorder = Type.Record(Type.String({ description: '<region>/<number type>, e.g. en-au/1300' }), Type.Boolean(), {
  description: 'Back-order per pool for this partner (spec/delacon.md §4): true = shortages wait, false = they fail at once. Pools not listed follow the pool\'s own flag.',
  examples: [{ 'en-au/1300': false }],
})
const RetryDelays = Type.Array(Type.Integer({ minimum: 0, maximum: MAX_CALLBACK_RETRY_DELAY_SECONDS }), {
  minItems: 2, maxItems: 2, description: 'Seconds before the 2nd and the 3rd callback attempt (spec/delacon.md §9)', examples: [[60, 300]],
})

/** Every readable setting with its value (defaults filled in). */
export const SettingsValues = Type.Object({
  'resellerclub.tokenTtlSeconds': Type.Integer({ description: 'ResellerClub login token lifetime (spec/resellerclub.md §3)', examples: [120] }),
  'resellerclub.sellingCurrency': Type.String({ description: 'ISO 4217 selling currency (spec/resellerclub.md §5.2)', examples: ['USD'] }),
  'resellerclub.salesRepresentative': Type.String({ description: 'Sales representative text (spec/resellerclub.md §5.2)' }),
  'packetera.responseFormat': ReplyFormat,
  'packetera.responseDelimiter': Type.String({ examples: ['&'] }),
  'packetera.responseSeparator': Type.String({ examples: ['='] }),
  'packetera.responseEncapsulator': Type.String({ examples: [''] }),
  'delacon.callbackUrl': Type.Union([Type.String({ format: 'uri' }), Type.Null()], { description: 'Post-provisioning URL (spec/delacon.md §9); null: no callback' }),
  'delacon.backorder': Backorder,
  'delacon.pendingOrderTimeoutHours': Type.Number({ description: 'WAIT orders still unfilled after this fail (spec/delacon.md §5)', examples: [168] }),
  'delacon.callbackRetryDelaysSeconds': RetryDelays,
})

/** The settings as shown: values, and whether each secret is set (never the secret). */
export const SettingsView = Type.Object({
  resellerId: Type.Integer(),
  settings: SettingsValues,
  secrets: Type.Object({ 'delacon.callbackSecret': Type.Boolean({ description: 'Whether a callback signing secret is set' }) }),
}, {
  examples: [{
    resellerId: 3,
    settings: {
      'resellerclub.tokenTtlSeconds': 120, 'resellerclub.sellingCurrency': 'USD', 'resellerclub.salesRepresentative': '',
      'packetera.responseFormat': 'namevalue', 'packetera.responseDelimiter': '&', 'packetera.responseSeparator': '=', 'packetera.responseEncapsulator': '',
      'delacon.callbackUrl': 'https://partner.example/delacon/callback', 'delacon.backorder': { 'en-au/1300': false },
      'delacon.pendingOrderTimeoutHours': 168, 'delacon.callbackRetryDelaysSeconds': [60, 300],
    },
    secrets: { 'delacon.callbackSecret': true },
  }],
})

/**
 * `T | null` as one JSON-schema type list (`type: ['integer', 'null']`), not an anyOf: Ajv's type
 * coercion would turn a refused 0, '' or false into null in an anyOf's null branch (silently
 * restoring a default instead of refusing the value).
 */
function orNull(schema: Record<string, unknown>, description: string) {
  const { type, ...rest } = schema
  return Type.Optional(Type.Unsafe<unknown>({ ...rest, type: [...(Array.isArray(type) ? type : [type]), 'null'], description }))
}

/**
 * A change: any subset of the settings; null restores a setting's default. Names outside this list
 * reach core, which refuses them naming the setting (no `additionalProperties: false`: Fastify's
 * Ajv would drop them silently).
 */
export const SettingsPatch = Type.Object({
  'resellerclub.tokenTtlSeconds': orNull({ type: 'integer', minimum: 1, maximum: MAX_TOKEN_TTL_SECONDS }, 'seconds, 1 to 86400 (default 120)'),
  'resellerclub.sellingCurrency': orNull({ type: 'string', minLength: 3, maxLength: 3 }, 'ISO 4217 code (default USD)'),
  'resellerclub.salesRepresentative': orNull({ type: 'string', maxLength: 100 }, 'text, at most 100 characters'),
  'packetera.responseFormat': orNull({ type: 'string', maxLength: 20 }, 'namevalue, json or xml'),
  'packetera.responseDelimiter': orNull({ type: 'string', minLength: 1, maxLength: 5 }, '1 to 5 characters, no letters, digits or %'),
  'packetera.responseSeparator': orNull({ type: 'string', minLength: 1, maxLength: 5 }, '1 to 5 characters, no letters, digits or %'),
  'packetera.responseEncapsulator': orNull({ type: 'string', minLength: 1, maxLength: 2 }, 'one character, no letter, digit or %'),
  'delacon.callbackUrl': orNull({ type: 'string', minLength: 1, maxLength: 2000 }, 'http or https URL without user name or password'),
  // No `type`: a string or true (a type list of both would need Ajv's allowUnionTypes, an anyOf
  // would coerce); core checks it and names the setting.
  'delacon.callbackSecret': Type.Optional(Type.Unsafe<unknown>({
    description: 'HMAC-SHA256 signing secret of the callback (X-Switchboard-Signature): 16-200 printable characters, or true to generate one; null removes it. Shown once in the reply',
    examples: [true],
  })),
  'delacon.backorder': orNull({ type: 'object', additionalProperties: { type: ['boolean', 'null'] } },
    'pools to change, <region>/<number type> → true, false, or null (follow the pool\'s flag again); null clears every pool'),
  'delacon.pendingOrderTimeoutHours': orNull({ type: 'number', exclusiveMinimum: 0, maximum: MAX_PENDING_ORDER_TIMEOUT_HOURS }, 'hours (fractions allowed), default 168'),
  'delacon.callbackRetryDelaysSeconds': orNull({ type: 'array', items: { type: 'integer', minimum: 0, maximum: MAX_CALLBACK_RETRY_DELAY_SECONDS }, minItems: 2, maxItems: 2 },
    'two delays in seconds before the 2nd and 3rd attempt, default [60, 300]'),
}, {
  examples: [{ 'delacon.callbackUrl': 'https://partner.example/delacon/callback', 'delacon.callbackSecret': true, 'delacon.backorder': { 'en-au/1300': false } }],
})
