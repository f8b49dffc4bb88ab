import { Type, type Static } from 'typebox'
import { getStatistics, type Statistics } from '../../../core/statistics/index.ts'
import { aliasFields } from '../errors.ts'
import { ictcoreOperation } from '../router.ts'

/** Wire name of each counter (§10). */
const WIRE = {
  userTotal: 'user_total', accountTotal: 'account_total', didTotal: 'did_total', campaignTotal: 'campaign_total',
  campaignActive: 'campaign_active', groupTotal: 'group_total', contactTotal: 'contact_total', transmissionTotal: 'transmission_total',
  transmissionInbound: 'transmission_inbound', transmissionOutbound: 'transmission_outbound', transmissionActive: 'transmission_active',
  spoolTotal: 'spool_total', spoolSuccess: 'spool_success', spoolFailed: 'spool_failed',
  callbackTotal: 'callback_total', callbackRequested: 'callback_requested', callbackCallingMember: 'callback_calling_member',
  callbackBridging: 'callback_bridging', callbackCompleted: 'callback_completed', callbackFailed: 'callback_failed',
} as const satisfies Record<keyof Statistics, string>

const counter = (description: string) => Type.Integer({ description })
/** Statistics (§10): counters over the objects the caller may see. */
const StatisticsView = Type.Object({
  user_total: counter('Users (non-admin: 1)'), account_total: counter('Accounts (of account_type if given)'), did_total: counter('Accounts of type did'),
  campaign_total: counter('Campaigns'), campaign_active: counter('Campaigns running'), group_total: counter('Groups'), contact_total: counter('Contacts'),
  transmission_total: counter('Transmissions'), transmission_inbound: counter('Inbound transmissions'), transmission_outbound: counter('Outbound transmissions'),
  transmission_active: counter('Transmissions processing'), spool_total: counter('Spools'), spool_success: counter('Spools completed'), spool_failed: counter('Spools failed'),
  callback_total: counter('Packetera callback requests (of one button with ?button=)'), callback_requested: counter('Callback requests waiting for their first call'),
  callback_calling_member: counter('Callback requests calling the member'), callback_bridging: counter('Callback requests bridging the visitor'),
  callback_completed: counter('Callback requests completed'), callback_failed: counter('Callback requests failed'),
}, {
  description: 'Statistics (§10)',
  examples: [{
    user_total: 4, account_total: 6, did_total: 2, campaign_total: 3, campaign_active: 1, group_total: 2, contact_total: 120, transmission_total: 250,
    transmission_inbound: 10, transmission_outbound: 240, transmission_active: 2, spool_total: 260, spool_success: 230, spool_failed: 28,
    callback_total: 5, callback_requested: 1, callback_calling_member: 0, callback_bridging: 0, callback_completed: 3, callback_failed: 1,
  }],
})
const StatisticsQuery = Type.Object({
  since: Type.Optional(Type.String({ description: 'Count objects created at or after (unix seconds); aliases from, date_created' })),
  service_flag: Type.Optional(Type.String({ description: 'Bitmask restricting transmission and spool counts' })),
  account_type: Type.Optional(Type.String({ description: 'Restricts account_total' })),
  user_id: Type.Optional(Type.String({ description: 'Admin: one owner; alias created_by' })),
  button: Type.Optional(Type.String({ description: 'A Packetera ButtonGUID: the callback_* counters of that button only' })),
})

/** The counters under their wire names. */
function statisticsOut(stats: Statistics): Static<typeof StatisticsView> {
  const out = {} as Record<(typeof WIRE)[keyof Statistics], number>
  for (const k of Object.keys(WIRE) as (keyof Statistics)[]) out[WIRE[k]] = stats[k]
  return out
}

/** The last value of a query key (a repeated key uses its last value, §6). */
function last(v: unknown): string | undefined {
  return Array.isArray(v) ? last(v[v.length - 1]) : typeof v === 'string' ? v : undefined
}

/** The first of several alias keys that is present (empty included), and its value. */
function firstOf(query: Record<string, unknown>, keys: string[]): [string, string | undefined] {
  for (const k of keys) {
    const v = last(query[k])
    if (v !== undefined) return [k, v]
  }
  return [keys[0]!, undefined]
}

/** `GET /statistics` (spec/ictcore.md §10): counters over what the caller may see. */
export const getStatisticsOp = ictcoreOperation({
  wireId: 'GET /statistics',
  methods: ['GET'],
  path: '/statistics',
  summary: 'Counters over what the caller may see',
  serve: {
    reply: StatisticsView, querystring: StatisticsQuery,
    handler: async ({ core, req, actor, query }) => {
      const [sinceKey, since] = firstOf(query, ['since', 'from', 'date_created'])
      const [userKey, userId] = firstOf(query, ['user_id', 'created_by'])
      aliasFields(req, { since: sinceKey, userId: userKey })
      const stats = await getStatistics(core, actor, { since, userId, serviceFlag: last(query.service_flag), accountType: last(query.account_type), button: last(query.button) })
      return statisticsOut(stats)
    },
  },
})
