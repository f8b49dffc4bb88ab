import { Type, type Static } from 'typebox'
import type { ScheduleInput } from '../../../core/schedules/index.ts'
import type { SpoolResult, SpoolView, TransmissionFields, TransmissionView } from '../../../core/transmissions/index.ts'
import { bodyOf, ts, wireInt, wireStr } from '../codec.ts'
import { ContactView, contactOut } from './contacts.ts'
import { PROGRAM_TYPE_NAMES, ProgramBody } from './programs.ts'
import { Audit, BodyOf, IntIn, Nullable, StrIn, StrOrNumberIn, Timestamp, WireId } from './wire-schemas.ts'

/** The states of a transmission (§7.1) and of a spool (§7.2). */
export const TRANSMISSION_STATES = ['pending', 'processing', 'completed', 'failed', 'invalid'] as const
export const SPOOL_STATES = ['queued', 'started', 'connected', 'completed', 'failed'] as const

/** Transmission (§5.8): every field, the derived ones and the embedded contact. */
export const TransmissionWire = Type.Object({
  transmission_id: WireId, title: Nullable(Type.String()), origin: Nullable(Type.String()), contact_id: Nullable(Type.Integer()),
  account_id: Nullable(Type.Integer()), program_id: Nullable(Type.Integer()), service_flag: Type.Integer({ description: 'voice 1, fax 2, sms 4, email 8' }),
  direction: Type.Enum(['outbound', 'inbound']), try_allowed: Type.Integer(), status: Type.Enum(TRANSMISSION_STATES),
  response: Nullable(Type.String({ description: 'Cause of the last failure' })), try_done: Type.Integer(),
  last_run: Nullable(Timestamp), next_run: Nullable(Timestamp), campaign_id: Nullable(Type.Integer()), program_type: Nullable(Type.Enum(PROGRAM_TYPE_NAMES)),
  contact_phone: Nullable(Type.String()), contact_email: Nullable(Type.String()), account_phone: Nullable(Type.String()), account_email: Nullable(Type.String()),
  contact: Nullable(ContactView), ...Audit,
}, {
  description: 'Transmission (§5.8)',
  examples: [{
    transmission_id: 31, title: 'Reminder', origin: 'sendsms', contact_id: 7, account_id: 5, program_id: 9, service_flag: 4, direction: 'outbound',
    try_allowed: 1, status: 'completed', response: null, try_done: 1, last_run: 1796601660, next_run: null, campaign_id: null, program_type: 'sendsms',
    contact_phone: '+61291234567', contact_email: null, account_phone: '+61290000000', account_email: null, contact: null,
    user_id: 3, date_created: 1796601600, last_updated: 1796601660,
  }],
})

/** TransmissionPost (§5.8). */
export const TransmissionBody = BodyOf('TransmissionPost (§5.8): program_id and contact_id (or phone / email) required on create', {
  title: StrOrNumberIn(undefined, 'Reminder'), origin: StrOrNumberIn('Default: the program type'), contact_id: IntIn('The contact', 7),
  phone: StrOrNumberIn('Without contact_id: the caller\'s contact with this phone, else a new one'), email: StrIn('Without contact_id: as phone'),
  account_id: IntIn('Default: the program\'s, else the caller\'s account'), program_id: IntIn('An outbound program', 9),
  direction: StrIn('outbound only'), try_allowed: IntIn('1-20, default 1'),
}, { program_id: 9, contact_id: 7, title: 'Reminder' })

/** `POST /programs/{type}/transmissions` (§4.1): a program and its first transmission. */
export const ProgramWithTransmissionBody = BodyOf('A program of the path\'s type and a transmission of it; both are validated before anything is created', {
  program_data: Type.Optional(ProgramBody), transmission_data: Type.Optional(TransmissionBody),
}, { program_data: { text_id: 11 }, transmission_data: { phone: '+61291234567' } })

/** Spool (§5.10): one attempt. */
export const SpoolWire = Type.Object({
  spool_id: WireId, transmission_id: Type.Integer(), status: Type.Enum(SPOOL_STATES), response: Nullable(Type.String()),
  time_spool: Timestamp, time_start: Nullable(Timestamp), time_connect: Nullable(Timestamp), time_end: Nullable(Timestamp),
  amount: Type.Integer({ description: 'Seconds connected' }), service_flag: Type.Integer(), provider_id: Nullable(Type.Integer()), account_id: Nullable(Type.Integer()),
}, {
  description: 'Spool (§5.10)',
  examples: [{
    spool_id: 40, transmission_id: 31, status: 'completed', response: null, time_spool: 1796601660, time_start: 1796601660, time_connect: 1796601661,
    time_end: 1796601661, amount: 0, service_flag: 4, provider_id: 1, account_id: 5,
  }],
})

/** Result (§5.11). */
export const ResultWire = Type.Object({
  spool_result_id: WireId, spool_id: Type.Integer(), type: Type.String({ description: 'application | contact | message | info | error' }),
  name: Type.String(), data: Type.String(), date_created: Timestamp,
}, { description: 'Result (§5.11)', examples: [{ spool_result_id: 77, spool_id: 40, type: 'application', name: 'sms_send', data: 'success', date_created: 1796601661 }] })

const CRON = (what: string) => Type.Optional(Type.Union([Type.Integer(), Type.String()], { description: `Cron ${what}: *, n, a,b, a-b, */n (UTC)` }))
/** Schedule (§5.14): the first form present is used (timestamp, delay, datetime, then cron fields). */
export const ScheduleBody = BodyOf('Schedule (§5.14): one of timestamp, delay, datetime, or cron fields', {
  timestamp: Type.Optional(Type.Integer({ description: 'Unix seconds; one-shot' })),
  delay: Type.Optional(Type.Integer({ minimum: 0, description: 'Seconds from now; one-shot' })),
  datetime: Type.Optional(Type.String({ description: 'YYYY-MM-DDTHH:MM[:SS] with optional Z/±HH:MM (UTC without); one-shot', examples: ['2026-12-24T09:00:00Z'] })),
  minute: CRON('minute'), hour: CRON('hour'), day: CRON('day of month'), month: CRON('month'), weekday: CRON('weekday (0 = Sunday)'), year: CRON('year'),
}, { delay: 3600 })

/** TransmissionPost (§5.8) → core fields; `service_flag`, `status` and other read-only fields are ignored. */
export function transmissionIn(body: unknown): TransmissionFields {
  const b = bodyOf<typeof TransmissionBody>(body)
  return {
    title: wireStr(b, 'title', true), origin: wireStr(b, 'origin', true), contactId: wireInt(b, 'contact_id'), phone: wireStr(b, 'phone', true),
    email: wireStr(b, 'email'), accountId: wireInt(b, 'account_id'), programId: wireInt(b, 'program_id'), direction: wireStr(b, 'direction'),
    tryAllowed: wireInt(b, 'try_allowed'),
  }
}

/** Transmission (§5.8): every field, the derived ones and the embedded contact. */
export function transmissionOut(t: TransmissionView): Static<typeof TransmissionWire> {
  return {
    transmission_id: t.id, title: t.title, origin: t.origin, contact_id: t.contactId, account_id: t.accountId, program_id: t.programId,
    service_flag: t.serviceFlag, direction: t.direction, try_allowed: t.tryAllowed, status: t.status, response: t.response, try_done: t.tryDone,
    last_run: ts(t.lastRun), next_run: ts(t.nextRun), campaign_id: t.campaignId, program_type: t.programType,
    contact_phone: t.contactPhone, contact_email: t.contactEmail, account_phone: t.accountPhone, account_email: t.accountEmail,
    contact: t.contact ? contactOut(t.contact) : null, user_id: t.userId, date_created: ts(t.createdAt), last_updated: ts(t.updatedAt),
  }
}

/** Spool (§5.10). */
export function spoolOut(s: SpoolView): Static<typeof SpoolWire> {
  return {
    spool_id: s.id, transmission_id: s.transmissionId, status: s.status, response: s.response, time_spool: ts(s.timeSpool), time_start: ts(s.timeStart),
    time_connect: ts(s.timeConnect), time_end: ts(s.timeEnd), amount: s.amount, service_flag: s.serviceFlag, provider_id: s.providerId, account_id: s.accountId,
  }
}

/** Result (§5.11). */
export const resultOut = (r: SpoolResult): Static<typeof ResultWire> => ({ spool_result_id: r.id, spool_id: r.spoolId, type: r.type, name: r.name, data: r.data, date_created: ts(r.createdAt) })

/** Schedule (§5.14): the raw values go to core, which names the offending field. */
export function scheduleIn(body: unknown): ScheduleInput {
  const b = bodyOf<typeof ScheduleBody>(body)
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
