import type { FastifyInstance } from 'fastify'

/** Minimal wire clients of each dialect, as a partner's integration would call them (for flow tests). */

export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
}

export async function ictcore(http: FastifyInstance, method: string, url: string, auth: string, body?: unknown) {
  const res = await http.inject({
    method: method as 'GET', url: `/api${url}`, headers: { authorization: auth, 'content-type': 'application/json' },
    payload: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, raw: res }
}

export async function resellerclub(http: FastifyInstance, method: 'GET' | 'POST', path: string, creds: { id: number; apiKey: string }, params: Record<string, string>) {
  const q = new URLSearchParams({ 'auth-userid': String(creds.id), 'api-key': creds.apiKey, ...params })
  const res = await http.inject({ method, url: `/resellerclub/api/${path}.json?${q}` })
  return { status: res.statusCode, body: JSON.parse(res.body), raw: res }
}

export async function packetera(http: FastifyInstance, params: Record<string, string>) {
  const res = await http.inject({
    method: 'POST', url: '/packetera/cbc_APIs.aspx', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...params, ResponseFormat: 'json' }).toString(),
  })
  return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, string>, raw: res }
}

export async function porta(http: FastifyInstance, path: string) {
  const res = await http.inject({ method: 'GET', url: `/porta${path}` })
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? JSON.parse(res.body) : res.body, raw: res }
}

export async function delacon(http: FastifyInstance, path: string, apiKey: string, form: Record<string, string>, method: 'GET' | 'POST' = 'POST') {
  const res = await http.inject({
    method, url: `/delacon/rest/config/${path}`, headers: { auth: apiKey, 'content-type': 'application/x-www-form-urlencoded' },
    payload: method === 'POST' ? new URLSearchParams(form).toString() : undefined,
  })
  return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, string>, raw: res }
}

/** A valid ResellerClub signup parameter set for `email`. */
export function rcSignupParams(email: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    username: email, passwd: 'Passw0rd1', name: 'Jane Doe', company: 'Doe Ltd', 'address-line-1': '1 Main Street',
    city: 'Sydney', state: 'NSW', country: 'AU', zipcode: '2000', 'phone-cc': '61', phone: '291234567', 'lang-pref': 'en', ...overrides,
  }
}
