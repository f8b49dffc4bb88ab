import type { FastifyRequest } from 'fastify'
import {
  cloneTransmission, createProgramWithTransmission, createTransmission, deleteTransmission, getTransmission, listTransmissionResults, listTransmissions,
  listTransmissionSpools, sendTransmission, transmissionStatus, updateTransmission, type SpoolResult, type SpoolView,
  type TransmissionFields, type TransmissionView,
} from '../../../core/transmissions/index.ts'
import { scheduleTransmission, unscheduleTransmission, type ScheduleInput } from '../../../core/schedules/index.ts'
import type { DialectOptions } from '../../dialect.ts'
import { bodyObject, listQueryIn, ts, wireInt, wireStr } from '../codec.ts'
import type { IctcoreRouter } from '../router.ts'
import { contactOut } from './contacts.ts'
import { programIn, programTypeParam } from './programs.ts'
import { getProgram } from '../../../core/programs/index.ts'

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

export const TRANSMISSION_FILTERS: Record<string, string> = {
  transmission_id: 'id', program_id: 'programId', account_id: 'accountId', contact_id: 'contactId', campaign_id: 'campaignId', user_id: 'userId',
  created_by: 'userId', status: 'status', direction: 'direction', service_flag: 'serviceFlag', title: 'title', origin: 'origin', response: 'response',
  contact_phone: 'contactPhone', contact_email: 'contactEmail', account_phone: 'accountPhone', account_email: 'accountEmail', phone: 'phone', email: 'email',
}
export const SPOOL_FILTERS: Record<string, string> = {
  spool_id: 'id', transmission_id: 'transmissionId', account_id: 'accountId', provider_id: 'providerId', status: 'status', service_flag: 'serviceFlag', response: 'response',
}
export const RESULT_FILTERS: Record<string, string> = { spool_result_id: 'id', spool_id: 'spoolId', type: 'type', name: 'name', data: 'data' }

const list = (req: FastifyRequest, query: Record<string, unknown>) => listQueryIn(req, query, TRANSMISSION_FILTERS)

/** Service presets of the list aliases (§4.3). */
const ALIASES: Record<string, number> = { '/calls': 1, '/faxes': 2, '/smses': 4, '/emails': 8 }

/** `/transmissions` and its reports (spec/ictcore.md §4.3, §4.8). */
export function transmissionRoutes(r: IctcoreRouter, { core }: DialectOptions): void {
  r.post('/transmissions', async ({ actor, body }) => createTransmission(core, actor, transmissionIn(body)), { summary: 'Create a transmission' })
  r.get('/transmissions', async ({ req, actor, query }) => (await listTransmissions(core, actor, list(req, query))).map(transmissionOut))
  for (const [path, serviceFlag] of Object.entries(ALIASES)) {
    r.get(path, async ({ req, actor, query }) => (await listTransmissions(core, actor, list(req, query), { serviceFlag })).map(transmissionOut))
  }
  r.get('/transmissions/:transmission_id', async ({ actor, params }) => transmissionOut(await getTransmission(core, actor, params.transmission_id as number)))
  r.put('/transmissions/:transmission_id', async ({ actor, params, body }) =>
    transmissionOut(await updateTransmission(core, actor, params.transmission_id as number, transmissionIn(body))))
  r.delete('/transmissions/:transmission_id', async ({ actor, params }) => {
    await deleteTransmission(core, actor, params.transmission_id as number)
    return true
  })
  r.post('/transmissions/:transmission_id/send', async ({ actor, params }) => sendTransmission(core, actor, params.transmission_id as number, 'send'), { summary: 'Send now' })
  r.post('/transmissions/:transmission_id/retry', async ({ actor, params }) => sendTransmission(core, actor, params.transmission_id as number, 'retry'), { summary: 'Retry a failed transmission' })
  for (const add of [r.put.bind(r), r.post.bind(r)]) {
    add('/transmissions/:transmission_id/schedule', async ({ actor, params, body }) => scheduleTransmission(core, actor, params.transmission_id as number, scheduleIn(body)), { summary: 'Schedule a send' })
  }
  r.delete('/transmissions/:transmission_id/schedule', async ({ actor, params }) => {
    await unscheduleTransmission(core, actor, params.transmission_id as number)
    return true
  })
  for (const add of [r.get.bind(r), r.post.bind(r)]) {
    add('/transmissions/:transmission_id/clone', async ({ actor, params }) => cloneTransmission(core, actor, params.transmission_id as number), { summary: 'Clone a transmission' })
  }
  r.get('/programs/:program_id/transmissions', async ({ req, actor, params, query }) => {
    const program = await getProgram(core, actor, params.program_id as number)
    return (await listTransmissions(core, actor, list(req, query), { programId: program.id })).map(transmissionOut)
  })
  for (const add of [r.put.bind(r), r.post.bind(r)]) {
    add('/programs/:program_id/transmissions', async ({ actor, params, body }) => {
      const program = await getProgram(core, actor, params.program_id as number)
      return createTransmission(core, actor, { ...transmissionIn(body), programId: program.id })
    }, { summary: 'Create a transmission of a program' })
    add('/programs/:type/transmissions', async ({ actor, params, body }) => {
      const type = programTypeParam(params.type)
      const b = bodyObject(body)
      return createProgramWithTransmission(core, actor, type, programIn(b.program_data ?? {}), transmissionIn(b.transmission_data ?? {}))
    }, { summary: 'Create a program and a transmission of it' })
  }
  r.get('/transmissions/:transmission_id/status', async ({ actor, params }) => transmissionStatus(core, actor, params.transmission_id as number))
  for (const alias of ['detail', 'logs', 'spools']) {
    r.get(`/transmissions/:transmission_id/${alias}`, async ({ req, actor, params, query }) =>
      (await listTransmissionSpools(core, actor, params.transmission_id as number, listQueryIn(req, query, SPOOL_FILTERS))).map(spoolOut))
  }
  for (const alias of ['result', 'results']) {
    r.get(`/transmissions/:transmission_id/${alias}`, async ({ req, actor, params, query }) =>
      (await listTransmissionResults(core, actor, params.transmission_id as number, listQueryIn(req, query, RESULT_FILTERS))).map(resultOut))
  }
}
