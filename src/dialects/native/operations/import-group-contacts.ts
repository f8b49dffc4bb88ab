import type { Readable } from 'node:stream'
import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { Invalid } from '../../../core/errors.ts'
import { importContactsForOperator } from '../../../core/platform/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** The largest CSV the native API takes (ICTCore's default CSV_MAX_BYTES). */
const NATIVE_CSV_MAX_BYTES = 268_435_456

const ImportReport = Type.Object({
  groupId: Type.Integer(),
  recordTotal: Type.Integer({ description: 'records read (a header line is not one)' }),
  contactCreated: Type.Integer(),
  errorTotal: Type.Integer(),
  errors: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String(), data: Type.String() }), { description: 'the first 100 refused records' }),
}, { examples: [{ groupId: 4, recordTotal: 3, contactCreated: 2, errorTotal: 1, errors: [{ line: 4, reason: 'phone_invalid', data: '12ab,Bad,Number' }] }] })

/**
 * `POST /groups/:id/contacts.csv`: the CSV of spec/ictcore.md §8 (phone, first_name, last_name, email,
 * …; a `phone` header line is skipped) imported into a user's group as that user; the body is read
 * as it arrives (`switchboard contacts import` shows its upload as a progress bar).
 */
export const importGroupContacts = routeOperation<Core>({
  wireId: 'POST /groups/:id/contacts.csv',
  methods: ['POST'],
  path: '/groups/:id/contacts.csv',
  summary: 'Import contacts from a CSV body (text/csv) into a user\'s group, owned by the group\'s user',
  serve: (core) => ({
    schema: {
      consumes: ['text/csv'],
      params: Type.Object({ id: Id }),
      body: Type.String({ description: 'the CSV file, read as it arrives', examples: ['phone,first_name,last_name\n+61291000101,Ada,Byron\n'] }),
      response: { 200: ImportReport, '4xx': ErrorBody },
    },
    // The body schema documents the upload; the body itself is a stream, checked as it is read, after
    // the group (another tenant's group is unknown whatever the body). Only the params' check counts.
    attachValidation: true,
    handler: async (req) => {
      if (req.validationError && (req.validationError as { validationContext?: string }).validationContext !== 'body') throw req.validationError
      return importContactsForOperator(core, req.nativeActor, (req.params as { id: number }).id, limited(req.body, NATIVE_CSV_MAX_BYTES))
    },
  }),
})

function isStream(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body
}

async function* limited(body: unknown, max: number): AsyncIterable<Buffer> {
  if (!isStream(body)) throw new Invalid('body', 'must be a text/csv upload')
  let total = 0
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length
    if (total > max) throw new Invalid('body', `is larger than ${max} bytes`)
    yield chunk
  }
}
