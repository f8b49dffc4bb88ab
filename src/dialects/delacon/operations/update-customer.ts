import type { Core } from '../../../core/core.ts'
import {
  categoryProblem, emailProblem, getCompany, nameProblem, normalizeTrackingNumber, parseCallTrack, parsePositiveId,
  parseXferTime, parseXferType, parseYesNo, referenceProblem, setCompanyFeature, smsMessageProblem,
  terminationNumberProblem, updateCompany, type CompanyFeature, type CompanyPatch,
} from '../../../core/call-tracking/index.ts'
import { isDomainError } from '../../../core/errors.ts'
import { delaconAuth } from '../auth.ts'
import { invalid, MALFORMED, Params, sendEnvelope, singleSegment, tailOf, type Envelope } from '../codec.ts'
import { renderDelaconError } from '../errors.ts'
import { routeOperation } from '../../operation.ts'
import { EnvelopeReply, ERROR_REPLIES, namedTail, PARAM_TYPES, UpdateCustomerBody } from '../wire-schemas.ts'

// §6.1 general fields (voicemal: the upstream spelling of voicemail) and §6.2 exclusive switches.
const GENERAL = ['BusinessName', 'BusCat', 'EmailAddress', 'TerminationNumber', 'BusID', 'OneThreeHundredNumber', 'whisper', 'DNIS',
  'xfertype', 'voicemail', 'voicemal', 'xfertime', 'moh', 'SMSmessage', 'CallTrack']
const SWITCHES: { name: string; feature: CompanyFeature }[] = [
  { name: 'CallRecording', feature: 'CallRecording' },
  { name: 'CallFeedbackSurvey', feature: 'CallFeedbackSurvey' },
  { name: 'CallFeedbackSurevy', feature: 'CallFeedbackSurvey' },
  { name: 'IVR', feature: 'IVR' },
]

/** The validated patch, or the §8 fragments that failed, in §8 / §6.1 order. */
function readPatch(p: Params, numbers: string[]): CompanyPatch | string[] {
  const f: string[] = []
  const add = (field: string, reason: string | null) => { if (reason) f.push(`${field} ${reason}`) }
  const patch: CompanyPatch = {}
  const name = p.get('BusinessName'), category = p.get('BusCat'), email = p.get('EmailAddress')
  const termination = p.get('TerminationNumber'), reference = p.get('BusID')
  add('BusinessName', nameProblem(name, false))
  add('BusCat', categoryProblem(category))
  add('EmailAddress', emailProblem(email, false))
  add('TerminationNumber', terminationNumberProblem(termination, false))
  add('BusID', referenceProblem(reference))
  Object.assign(patch, { name, category, email, terminationNumber: termination, reference })
  const primary = p.get('OneThreeHundredNumber')
  if (primary !== undefined) {
    if (numbers.includes(normalizeTrackingNumber(primary))) patch.primaryNumber = primary
    else f.push('OneThreeHundredNumber is not a number of this customer')
  }
  const yesNo = (wire: string, value: string | undefined, key: 'whisper' | 'dnis' | 'voicemail' | 'moh') => {
    if (value === undefined) return
    const b = parseYesNo(value)
    if (b === null) f.push(`${wire} is invalid`)
    else patch[key] = b
  }
  yesNo('whisper', p.get('whisper'), 'whisper')
  yesNo('DNIS', p.get('DNIS'), 'dnis')
  const xferType = p.get('xfertype')
  if (xferType !== undefined) {
    const t = parseXferType(xferType)
    if (t === null) f.push('xfertype is invalid')
    else patch.xferType = t
  }
  yesNo('voicemail', p.get('voicemail') ?? p.get('voicemal'), 'voicemail')
  const xferTime = p.get('xfertime')
  if (xferTime !== undefined) {
    const t = parseXferTime(xferTime)
    if (t === null) f.push('xfertime must be a number of at most 3 digits')
    else patch.xferTime = t
  }
  yesNo('moh', p.get('moh'), 'moh')
  const sms = p.get('SMSmessage')
  add('SMSmessage', smsMessageProblem(sms))
  patch.smsMessage = sms
  const track = p.get('CallTrack')
  if (track !== undefined) {
    const t = parseCallTrack(track)
    if (t === null) f.push('CallTrack is invalid')
    else patch.callTrack = t
  }
  return f.length ? f : patch
}

/** The §6.3 reply of a feature switch. */
function switchReply(feature: CompanyFeature, on: boolean, provisioned: boolean, changed: boolean): Envelope {
  if (!changed) return { RESULT: 'FAIL', MESSAGE: `${feature} Provisioned:No` }
  return { RESULT: 'OK', MESSAGE: `${feature} ${on ? 'enabled' : 'disabled'} for customer, ${feature} Provisioned:${provisioned ? 'Yes' : 'No'}` }
}

/** `updatecustomer/{companyID}` (spec/delacon.md §6): call settings and feature switches of a company. */
export const updateCustomer = routeOperation<Core>({
  wireId: 'updatecustomer',
  methods: ['POST'],
  path: '/rest/config/updatecustomer/*',
  summary: 'Update a company\'s details, call settings or features (Delacon updatecustomer/{companyID})',
  serve: (core) => ({
    schema: { body: UpdateCustomerBody, consumes: PARAM_TYPES, response: { 200: EnvelopeReply, ...ERROR_REPLIES } },
    config: namedTail('companyID', 'The company\'s id (provision\'s COMPANY_ID)'),
    onRequest: [singleSegment, delaconAuth(core)],
    handler: async (req, reply) => {
      const actor = req.delaconActor
      const raw = tailOf(req)
      const notFound: Envelope = { RESULT: 'FAIL', MESSAGE: `Customer ${raw} not found` }
      // §6.2 check order: company lookup → exclusivity → empty request → field validation.
      const id = parsePositiveId(raw)
      if (id === null) return sendEnvelope(reply, notFound)
      try {
        const company = await getCompany(core, actor, id)
        const params = Params.of(req)
        if (params === MALFORMED) return sendEnvelope(reply, invalid(['malformed request body']))
        const switches = SWITCHES.filter((s) => params.has(s.name))
        const general = GENERAL.filter((n) => params.has(n))
        if (switches.length && switches.length + general.length > 1) return sendEnvelope(reply, invalid(['invalid parameters for update']))
        if (!switches.length && !general.length) return sendEnvelope(reply, invalid(['no parameters for update']))
        if (switches.length) {
          const { name, feature } = switches[0]!
          const on = parseYesNo(params.get(name)!)
          if (on === null) return sendEnvelope(reply, invalid([`${feature} is invalid`]))
          const r = await setCompanyFeature(core, actor, id, feature, on)
          return sendEnvelope(reply, switchReply(feature, on, r.provisioned, r.changed))
        }
        const patch = readPatch(params, company.numbers)
        if (Array.isArray(patch)) return sendEnvelope(reply, invalid(patch))
        await updateCompany(core, actor, id, patch)
        return sendEnvelope(reply, { RESULT: 'OK', MESSAGE: 'Customer details updated' })
      } catch (e) {
        if (isDomainError(e) && e.kind === 'not_found') return sendEnvelope(reply, notFound)
        if (isDomainError(e)) {
          const { status, body } = renderDelaconError(e)
          return sendEnvelope(reply, body, status)
        }
        throw e
      }
    },
  }),
})
