import { and, eq } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import { inTransaction, type Core } from '../core.ts'
import { modifyCustomer } from '../customers/customer-changes.ts'
import { Forbidden, Invalid, NotFound } from '../errors.ts'
import { isNumberOf } from '../numbers/allocation.ts'
import { callTrackingCompanies, type CallTrack } from './call-tracking.table.ts'
import { findCompanyIn } from './companies.ts'
import {
  categoryProblem, emailProblem, nameProblem, normalizeTerminationNumber, normalizeTrackingNumber, referenceProblem,
  smsMessageProblem, terminationNumberProblem,
} from './rules.ts'

/** General settings of a company (spec/delacon.md §6.1, wire-neutral names); absent = unchanged. */
export interface CompanyPatch {
  name?: string
  category?: string
  email?: string
  terminationNumber?: string
  reference?: string
  /** One of the company's allocated numbers; becomes the primary number. */
  primaryNumber?: string
  whisper?: boolean
  dnis?: boolean
  xferType?: 1 | 2 | 3
  voicemail?: boolean
  xferTime?: number
  moh?: boolean
  smsMessage?: string
  callTrack?: CallTrack
}

function check(field: string, reason: string | null): void {
  if (reason) throw new Invalid(field, reason)
}

/** Updates a company of the actor's tenant (NotFound for another tenant's); one transaction. */
export async function updateCompany(core: Core, actor: Actor, id: number, patch: CompanyPatch): Promise<void> {
  check('name', nameProblem(patch.name, false))
  check('category', categoryProblem(patch.category))
  check('email', emailProblem(patch.email, false))
  check('terminationNumber', terminationNumberProblem(patch.terminationNumber, false))
  check('reference', referenceProblem(patch.reference))
  check('smsMessage', smsMessageProblem(patch.smsMessage))
  if (patch.xferTime !== undefined && !(Number.isInteger(patch.xferTime) && patch.xferTime >= 0 && patch.xferTime <= 999)) {
    throw new Invalid('xferTime', 'must be a number of at most 3 digits')
  }
  await inTransaction(core, async (txCore) => {
    const tx = txCore.db
    const company = await findCompanyIn(tx, actor, id)
    if (!company) throw new NotFound('Company', id)
    const now = core.now()
    const primary = patch.primaryNumber === undefined ? undefined : normalizeTrackingNumber(patch.primaryNumber)
    if (primary !== undefined && !(await isNumberOf(tx, company.customerId, primary))) {
      throw new Invalid('primaryNumber', 'is not a number of this customer')
    }
    if (patch.name !== undefined || patch.email !== undefined) {
      // The customer's one profile, changed as every dialect changes it.
      const profile: { name?: string; email?: string } = {}
      if (patch.name !== undefined) profile.name = patch.name
      if (patch.email !== undefined) profile.email = patch.email
      await modifyCustomer(txCore, actor, company.customerId, { profile })
    }
    await tx.update(callTrackingCompanies).set({
      busCat: patch.category,
      terminationNumber: patch.terminationNumber === undefined ? undefined : normalizeTerminationNumber(patch.terminationNumber)!,
      busId: patch.reference,
      primaryNumber: primary,
      whisper: patch.whisper, dnis: patch.dnis, xferType: patch.xferType, voicemail: patch.voicemail,
      xferTime: patch.xferTime, moh: patch.moh, smsMessage: patch.smsMessage, callTrack: patch.callTrack,
      updatedAt: now,
    }).where(eq(callTrackingCompanies.customerId, company.customerId))
  })
}

export type CompanyFeature = 'CallRecording' | 'CallFeedbackSurvey' | 'IVR'

const COLUMNS = {
  CallRecording: { provisioned: 'callRecordingProvisioned', enabled: 'callRecordingEnabled' },
  CallFeedbackSurvey: { provisioned: 'callFeedbackSurveyProvisioned', enabled: 'callFeedbackSurveyEnabled' },
  IVR: { provisioned: 'ivrProvisioned', enabled: 'ivrEnabled' },
} as const

/**
 * Enables or disables a feature of a company (spec/delacon.md §6.3). Enabling a feature that is not
 * provisioned changes nothing and answers `changed: false`.
 */
export async function setCompanyFeature(core: Core, actor: Actor, id: number, feature: CompanyFeature, enabled: boolean): Promise<{ provisioned: boolean; changed: boolean }> {
  return core.db.transaction(async (tx) => {
    const company = await findCompanyIn(tx, actor, id)
    if (!company) throw new NotFound('Company', id)
    const cols = COLUMNS[feature]
    const provisioned = company[cols.provisioned]
    if (enabled && !provisioned) return { provisioned, changed: false }
    await tx.update(callTrackingCompanies).set({ [cols.enabled]: enabled, updatedAt: core.now() })
      .where(and(eq(callTrackingCompanies.customerId, company.customerId)))
    return { provisioned, changed: true }
  })
}

/** Operator: marks a feature provisioned (billing) or not; unprovisioning also disables it. */
export async function setFeatureProvisioned(core: Core, actor: Actor, id: number, feature: CompanyFeature, provisioned: boolean): Promise<void> {
  if (!actor.crossTenant) throw new Forbidden('feature_provision')
  const cols = COLUMNS[feature]
  const set: Record<string, unknown> = { [cols.provisioned]: provisioned, updatedAt: core.now() }
  if (!provisioned) set[cols.enabled] = false
  const rows = await core.db.update(callTrackingCompanies).set(set).where(eq(callTrackingCompanies.customerId, id)).returning({ id: callTrackingCompanies.customerId })
  if (!rows.length) throw new NotFound('Company', id)
}
