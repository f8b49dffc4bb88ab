import type { LightMyRequestResponse } from 'fastify'
import type { TestApp } from '../../helpers/app.ts'

export type Params = Record<string, string | string[]>

/** Encodes parameters as a form / query string (arrays as repeated keys). */
export function form(params: Params): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) q.append(k, x)
  return q.toString()
}

/** A ResellerClub client of one reseller over `app.http.inject`, like the real clients send. */
export function rcClient(app: TestApp, auth: { id: number; apiKey: string }) {
  const withAuth = (params: Params): Params => ({ 'auth-userid': String(auth.id), 'api-key': auth.apiKey, ...params })
  const url = (path: string, ext: string, query = '') => `/resellerclub/api/${path}.${ext}${query ? `?${query}` : ''}`
  return {
    /** GET with every parameter in the query string. */
    get(path: string, params: Params = {}, ext = 'json'): Promise<LightMyRequestResponse> {
      return app.http.inject({ method: 'GET', url: url(path, ext, form(withAuth(params))) })
    },
    /** POST with the parameters in a form body (the default) or all in the query string with an empty body. */
    post(path: string, params: Params = {}, ext = 'json', as: 'form' | 'query' = 'form'): Promise<LightMyRequestResponse> {
      if (as === 'query') return app.http.inject({ method: 'POST', url: url(path, ext, form(withAuth(params))) })
      return app.http.inject({
        method: 'POST', url: url(path, ext), payload: form(withAuth(params)),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
    },
  }
}

let n = 0
/** Valid signup parameters with a unique username. */
export function signupParams(overrides: Params = {}): Params {
  n++
  return {
    username: `Customer${process.pid}x${n}@Example.com`, passwd: 'secret123', name: 'Jane Doe', company: 'Doe & Sons',
    'address-line-1': '1 Main Street', city: 'Springfield', state: 'Illinois', country: 'us', zipcode: '62701',
    'phone-cc': '1', phone: '5555550100', 'lang-pref': 'EN', ...overrides,
  }
}
