import type { ScheduleInput } from '../../../core/schedules/index.ts'
import type { SpoolResult, SpoolView, TransmissionFields, TransmissionView } from '../../../core/transmissions/index.ts'
import { bodyObject, ts, wireInt, wireStr } from '../codec.ts'
import { contactOut } from './contacts.ts'

/** TransmissionPost (§5.8) → core fields; `service_flag`, `status` and other read-only fields are ignored. */
export function transmissionIn(body: unknown): TransmissionFields {
  const b = bodyObject(body)
  return {
    title: wireStr(b, 'title', true), origin: wireStr(b, 'origin', true), contactId: wireInt(b, 'contact_id'), phone: wireStr(b, 'phone', true),
    email: wireStr(b, 'email'), accountId: wireInt(b, 'account_id'), programId: wireInt(b, 'program_id'), direction: wireStr(b, 'direction'),
    tryAllowed: wireInt(b, 'try_allowed'),
  }
}

/** Transmission (§5.8): every field, the derived ones and the embedded contact. */
export function transmissionOut(t: TransmissionView) {
  return {
    transmission_id: t.id, title: t.title, origin: t.origin, contact_id: t.contactId, account_id: t.accountId, program_id: t.programId,
    service_flag: t.serviceFlag, direction: t.direction, try_allowed: t.tryAllowed, status: t.status, response: t.response, try_done: t.tryDone,
    last_run: ts(t.lastRun), next_run: ts(t.nextRun), campaign_id: t.campaignId, program_type: t.programType,
    contact_phone: t.contactPhone, contact_email: t.contactEmail, account_phone: t.accountPhone, account_email: t.accountEmail,
    contact: t.contact ? contactOut(t.contact) : null, user_id: t.userId, date_created: ts(t.createdAt), last_updated: ts(t.updatedAt),
  }
}

/** Spool (§5.10). */
export function spoolOut(s: SpoolView) {
  return {
    spool_id: s.id, transmission_id: s.transmissionId, status: s.status, response: s.response, time_spool: ts(s.timeSpool), time_start: ts(s.timeStart),
    time_connect: ts(s.timeConnect), time_end: ts(s.timeEnd), amount: s.amount, service_flag: s.serviceFlag, provider_id: s.providerId, account_id: s.accountId,
  }
}

/** Result (§5.11). */
export const resultOut = (r: SpoolResult) => ({ spool_result_id: r.id, spool_id: r.spoolId, type: r.type, name: r.name, data: r.data, date_created: ts(r.createdAt) })

/** Schedule (§5.14): the raw values go to core, which names the offending field. */
export function scheduleIn(body: unknown): ScheduleInput {
  const b = bodyObject(body)
  return { timestamp: b.timestamp, delay: b.delay, datetime: b.datetime, minute: b.minute, hour: b.hour, day: b.day, month: b.month, weekday: b.weekday, year: b.year }
}

/** Transmission, spool and result list filters (§6): wire key → core filter name. */
export const TRANSMISSION_FILTERS: Record<string, string> = {
  transmission_id: 'id', program_id: 'programId', account_id: 'accountId', contact_id: 'contactId', campaign_id: 'campaignId', user_id: 'userId',
  created_by: 'userId', status: 'status', direction: 'direction', service_flag: 'serviceFlag', title: 'title', origin: 'origin', response: 'response',
  contact_phone: 'contactPhone', contact_email: 'contactEmail', account_phone: 'accountPhone', account_email: 'accountEmail', phone: 'phone', email: 'email',
}
export const SPOOL_FILTERS: Record<string, string> = {
  spool_id: 'id', transmission_id: 'transmissionId', account_id: 'accountId', provider_id: 'providerId', status: 'status', service_flag: 'serviceFlag', response: 'response',
}
export const RESULT_FILTERS: Record<string, string> = { spool_result_id: 'id', spool_id: 'spoolId', type: 'type', name: 'name', data: 'data' }
