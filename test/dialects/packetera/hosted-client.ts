import type { TestApp } from '../../helpers/app.ts'
import { credentials, get, query, replyOf, type Member, type Partner } from './packetera-client.ts'

/** Sets a button attribute (3210) or a teleform attribute (5202) of a member's button; fails loudly. */
export async function setAttribute(app: TestApp, p: Partner, m: Member, code: '3210' | '5202', name: string, value: string, guid = m.buttonGuid): Promise<void> {
  const r = replyOf((await get(app, { TransactionType: code, ...credentials(p, m), ButtonGUID: guid, AttributeName: name, AttributeValue: value })).body)
  if (r.Status !== 'Success') throw new Error(`${code} ${name} failed: ${JSON.stringify(r)}`)
}

/** Switches a button's template (5203). */
export async function changeTemplate(app: TestApp, p: Partner, m: Member, name: string, guid = m.buttonGuid): Promise<void> {
  const r = replyOf((await get(app, { TransactionType: '5203', ...credentials(p, m), ButtonGUID: guid, TemplateName: name })).body)
  if (r.Status !== 'Success') throw new Error(`5203 failed: ${JSON.stringify(r)}`)
}

/** POSTs the teleform of a button as a browser form would (HTML reply), or as JSON with `json`. */
export async function submit(app: TestApp, guid: string, fields: Record<string, string>, opts: { json?: boolean; headers?: Record<string, string> } = {}) {
  return app.http.inject({
    method: 'POST', url: `/packetera/teleform/${guid}/callback`,
    headers: opts.json
      ? { 'content-type': 'application/json', accept: 'application/json', ...opts.headers }
      : { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...opts.headers },
    payload: opts.json ? JSON.stringify(fields) : query(fields),
  })
}

/** The status JSON of a callback request. */
export async function statusOf(app: TestApp, requestId: string): Promise<{ requestId: string; status: string; failureReason: string | null }> {
  const res = await app.http.inject({ method: 'GET', url: `/packetera/callback/${requestId}.json` })
  if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}: ${res.body}`)
  return res.json()
}
