import type { Actor } from '../../../core/actor.ts'
import type { Core } from '../../../core/core.ts'
import {
  categoryProblem, emailProblem, findCompany, nameProblem, parseFeatures, parsePositiveId, parseQuantity,
  provisionNumbers, referenceProblem, terminationNumberProblem, type ProvisionInput,
} from '../../../core/call-tracking/index.ts'
import { isDomainError } from '../../../core/errors.ts'
import { findNumberType, findRegion } from '../../../core/numbers/index.ts'
import { delaconAuth } from '../auth.ts'
import { FAIL_MESSAGE, invalid, MALFORMED, Params, sendEnvelope, WAIT_MESSAGE } from '../codec.ts'
import { renderDelaconError } from '../errors.ts'
import { routeOperation } from '../../operation.ts'
import { EnvelopeReply, ERROR_REPLIES, PARAM_TYPES, ProvisionBody } from '../wire-schemas.ts'

/** The validated order, or the §8 fragments that failed (table order). */
async function readOrder(core: Core, actor: Actor, p: Params): Promise<ProvisionInput | string[]> {
  const f: string[] = []
  const add = (field: string, reason: string | null) => { if (reason) f.push(`${field} ${reason}`) }
  const companyRaw = p.get('companyID')
  let company: ProvisionInput['company']
  let companyId: number | undefined
  if (companyRaw === undefined) {
    // §5 rule 1: the company fields only apply to a new customer.
    const name = p.get('BusinessName'), category = p.get('BusCat'), email = p.get('EmailAddress')
    const termination = p.get('TerminationNumber'), reference = p.get('BusID'), featuresRaw = p.get('features')
    add('BusinessName', nameProblem(name, true))
    add('BusCat', categoryProblem(category))
    add('EmailAddress', emailProblem(email, true))
    add('TerminationNumber', terminationNumberProblem(termination, true))
    add('BusID', referenceProblem(reference))
    const features = featuresRaw === undefined ? [] : parseFeatures(featuresRaw)
    if (features === null) f.push('features is invalid')
    const regionRaw = p.get('region'), typeRaw = p.get('numberType')
    const region = regionRaw === undefined ? null : findRegion(regionRaw)
    if (regionRaw === undefined) f.push('region is required')
    else if (!region) f.push('region is invalid')
    if (typeRaw === undefined) f.push('numberType is required')
    else if (region && !findNumberType(region, typeRaw)) f.push(`numberType is invalid for region ${region.name}`)
    company = {
      name: name!, category: category ?? null, email: email!, terminationNumber: termination!, reference: reference ?? null,
      features: features ?? [], region: regionRaw!, numberType: typeRaw!,
    }
  } else {
    const id = parsePositiveId(companyRaw)
    if (id === null) f.push('companyID is invalid')
    else if (!(await findCompany(core, actor, id))) f.push('companyID not found')
    else companyId = id
  }
  const quantityRaw = p.get('numbers')
  const quantity = quantityRaw === undefined ? null : parseQuantity(quantityRaw)
  if (quantityRaw === undefined) f.push('numbers is required')
  else if (quantity === null) f.push('numbers must be between 1 and 10')
  const summary = p.get('orderSummaryEmail')
  add('orderSummaryEmail', emailProblem(summary, false))
  if (companyRaw === undefined) {
    const terms = p.get('termsCheck')?.toLowerCase()
    if (terms === undefined || terms === 'off') f.push('termsCheck must be on')
    else if (terms !== 'on') f.push('termsCheck is invalid')
  }
  if (f.length) return f
  const base = { quantity: quantity!, orderSummaryEmail: summary ?? null }
  return companyId !== undefined ? { ...base, companyId } : { ...base, company: company! }
}

/** `provision` (spec/delacon.md §5): a new customer with numbers, or more numbers for a company. */
export const provision = routeOperation<Core>({
  wireId: 'provision',
  methods: ['POST'],
  path: '/rest/config/provision',
  summary: 'Order tracking numbers for a new or existing company (Delacon provision)',
  serve: (core) => ({
    schema: { body: ProvisionBody, consumes: PARAM_TYPES, response: { 200: EnvelopeReply, ...ERROR_REPLIES } },
    onRequest: delaconAuth(core),
    handler: async (req, reply) => {
      const params = Params.of(req)
      if (params === MALFORMED) return sendEnvelope(reply, invalid(['malformed request body']))
      const actor = req.delaconActor
      const order = await readOrder(core, actor, params)
      if (Array.isArray(order)) return sendEnvelope(reply, invalid(order))
      try {
        const r = await provisionNumbers(core, actor, order)
        if (r.status === 'OK') return sendEnvelope(reply, { RESULT: 'OK', OrderId: r.orderId, CID: r.companyId!, Numbers: r.numbers })
        if (r.status === 'WAIT') return sendEnvelope(reply, { RESULT: 'WAIT', OrderId: r.orderId, CID: r.companyId!, MESSAGE: WAIT_MESSAGE })
        return sendEnvelope(reply, { RESULT: 'FAIL', OrderId: r.orderId, MESSAGE: FAIL_MESSAGE })
      } catch (e) {
        // The company vanished between validation and the order (§8 wording).
        if (isDomainError(e) && e.kind === 'not_found') return sendEnvelope(reply, invalid(['companyID not found']))
        if (isDomainError(e)) {
          const { status, body } = renderDelaconError(e)
          return sendEnvelope(reply, body, status)
        }
        throw e
      }
    },
  }),
})
