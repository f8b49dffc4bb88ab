import { getStatistics, type Statistics } from '../../../core/statistics/index.ts'
import { aliasFields } from '../errors.ts'
import { ictcoreOperation } from '../router.ts'

/** Wire name of each counter (§10). */
const WIRE: Record<keyof Statistics, string> = {
  userTotal: 'user_total', accountTotal: 'account_total', didTotal: 'did_total', campaignTotal: 'campaign_total',
  campaignActive: 'campaign_active', groupTotal: 'group_total', contactTotal: 'contact_total', transmissionTotal: 'transmission_total',
  transmissionInbound: 'transmission_inbound', transmissionOutbound: 'transmission_outbound', transmissionActive: 'transmission_active',
  spoolTotal: 'spool_total', spoolSuccess: 'spool_success', spoolFailed: 'spool_failed',
  callbackTotal: 'callback_total', callbackRequested: 'callback_requested', callbackCallingMember: 'callback_calling_member',
  callbackBridging: 'callback_bridging', callbackCompleted: 'callback_completed', callbackFailed: 'callback_failed',
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
    handler: async ({ core, req, actor, query }) => {
      const [sinceKey, since] = firstOf(query, ['since', 'from', 'date_created'])
      const [userKey, userId] = firstOf(query, ['user_id', 'created_by'])
      aliasFields(req, { since: sinceKey, userId: userKey })
      const stats = await getStatistics(core, actor, { since, userId, serviceFlag: last(query.service_flag), accountType: last(query.account_type), button: last(query.button) })
      return Object.fromEntries((Object.keys(WIRE) as (keyof Statistics)[]).map((k) => [WIRE[k], stats[k]]))
    },
  },
})
