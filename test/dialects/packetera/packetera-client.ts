import type { TestApp } from '../../helpers/app.ts'

export const ENDPOINT = '/packetera/cbc_APIs.aspx'
export const GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/

export interface Partner { id: number; username: string; apiKey: string }
export interface Member { email: string; password: string; memberId: string; buttonGuid: string }

/** A query string from fields, percent-encoded as encodeURIComponent does. */
export function query(fields: Record<string, string>): string {
  return Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
}

/** A namevalue reply (default delimiter, separator, no encapsulator) as ordered pairs. */
export function pairsOf(body: string): [string, string][] {
  return body.split('&').map((p) => {
    const i = p.indexOf('=')
    return [p.slice(0, i), decodeURIComponent(p.slice(i + 1))]
  })
}

/** A namevalue reply as an object (the last of repeated names wins; there are none). */
export function replyOf(body: string): Record<string, string> {
  return Object.fromEntries(pairsOf(body))
}

export function credentials(p: Partner, m?: { email: string; password: string }): Record<string, string> {
  return { WebUserName: p.username, WebUserPassword: p.apiKey, ...(m ? { UserEmail: m.email, UserPassword: m.password } : {}) }
}

/** GET the endpoint with these fields. */
export async function get(app: TestApp, fields: Record<string, string>) {
  return app.http.inject({ method: 'GET', url: `${ENDPOINT}?${query(fields)}` })
}

let n = 0
/** Creates a member through AddNewCard; returns its login and ids. */
export async function addMember(app: TestApp, p: Partner, extra: Record<string, string> = {}): Promise<Member> {
  const email = extra.UserEmail ?? `m${process.pid}x${++n}x${Math.floor(Math.random() * 1e6)}@example.com`
  const password = extra.UserPassword ?? 'secret-pw'
  const res = await get(app, {
    TransactionType: '1101', ...credentials(p, { email, password }),
    FirstName: 'Ada', LastName: 'Lovelace', PhoneNumber: '+1 (555) 010-0001', Corporate: 'No', ...extra,
  })
  const r = replyOf(res.body)
  if (r.Status !== 'Success') throw new Error(`AddNewCard failed: ${res.body}`)
  return { email, password, memberId: r.MemberID!, buttonGuid: r.DefaultButtonGUID! }
}

/** Creates and activates a member (most transactions refuse an inactive one). */
export async function addActiveMember(app: TestApp, p: Partner, extra: Record<string, string> = {}): Promise<Member> {
  const m = await addMember(app, p, extra)
  const id = replyOf((await get(app, { TransactionType: '2304', ...credentials(p, m) })).body).ActivationID!
  const r = replyOf((await get(app, { ActivationId: id })).body)
  if (r.Status !== 'Success') throw new Error('activation failed')
  return m
}
