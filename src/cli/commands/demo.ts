import type { Demo } from '../../core/platform/index.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'
import { withAdminClient } from '../operator.ts'

/** What the demo made and what to try with it, for a person at a terminal. */
function guide(d: Demo): string {
  const base = 'http://localhost:8080'
  return [
    'Demo tenant created (the API key and the password are shown this once):',
    `  reseller   ${d.reseller.id} "${d.reseller.username}"  API key ${d.reseller.apiKey}`,
    `  user       ${d.user.username} / ${d.user.password}  (admin of the reseller; account ${d.user.accountId}, phone ${d.user.phone})`,
    `  numbers    ${d.numbers.added} ${d.numbers.region} ${d.numbers.numberType} tracking numbers of the reseller's own stock`,
    `  provider   ${d.providerId} sandbox (delivers nothing, logs every send)`,
    `  contacts   ${d.contactIds.join(', ')} in group ${d.groupId}; document ${d.documentId} (a one-page PDF), text ${d.textId}`,
    `  programs   sendsms ${d.programs.sendsms}, sendfax ${d.programs.sendfax}`,
    `  campaign   ${d.campaign.id}: the SMS to the group at ${d.campaign.cpm} per minute (running; it sends while serve runs)`,
    '',
    'Try next (with switchboard serve running):',
    `  curl -s ${base}/api/contacts -u '${d.user.username}:${d.user.password}'`,
    `  curl -s ${base}/api/campaigns/${d.campaign.id} -u '${d.user.username}:${d.user.password}'`,
    `  curl -s -X POST ${base}/api/transmissions -u '${d.user.username}:${d.user.password}' -H 'Content-Type: application/json' \\`,
    `    -d '{"contact_id":${d.contactIds[0]},"program_id":${d.programs.sendfax},"account_id":${d.user.accountId}}'   # then POST /api/transmissions/<id>/send`,
    `  curl -s "${base}/resellerclub/api/resellers/promo-details.json?auth-userid=${d.reseller.id}&api-key=${d.reseller.apiKey}"`,
    `  curl -s -H "Auth: ${d.reseller.apiKey}" ${base}/delacon/rest/config/getnumbertypes/Australia`,
    `  npx switchboard numbers list --reseller ${d.reseller.id}`,
    `  open ${base}/docs`,
  ].join('\n')
}

const command = defineCommand({
  name: 'demo',
  summary: 'create a demo tenant: a reseller, numbers, a sandbox provider, a user with contacts, a PDF, programs and a paced campaign',
  details: 'Every run makes a new tenant. Its API key and its user\'s password are printed once.',
  options: { ...JSON_OPTION },
  examples: ['npx switchboard demo', 'npx switchboard demo --json'],
  async run(_values, out) {
    const demo = await withAdminClient(out.io, (c) => c.native<Demo>('POST', '/demo', {}))
    out.result({ ...demo }, guide(demo))
  },
})
export default command
