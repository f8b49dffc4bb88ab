import type { TestApp } from '../../helpers/app.ts'

export const PREFIX = '/delacon/rest/config'

/** A form-encoded POST to the Delacon dialect. */
export async function postForm(app: TestApp, path: string, key: string | null, fields: Record<string, string>, extraHeaders: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...extraHeaders }
  if (key !== null) headers.Auth = key
  return app.http.inject({ method: 'POST', url: `${PREFIX}${path}`, headers, payload: new URLSearchParams(fields).toString() })
}

/** A JSON POST to the Delacon dialect. */
export async function postJson(app: TestApp, path: string, key: string | null, body: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (key !== null) headers.Auth = key
  return app.http.inject({ method: 'POST', url: `${PREFIX}${path}`, headers, payload: typeof body === 'string' ? body : JSON.stringify(body) })
}

/** The fields of a valid new-customer provision request. */
export function newCustomer(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    BusinessName: 'Acme Plumbing', BusCat: 'Trades', EmailAddress: 'owner@acme.example.com', TerminationNumber: '+61 2 9000 1234',
    BusID: 'ACME-1', region: 'Australia', numberType: '1300', numbers: '2', termsCheck: 'on', ...overrides,
  }
}

export const WAIT_TEXT = 'Your order for new/additional numbers is received. We will send you an email with order summary shortly.'
export const FAIL_TEXT = 'Your order for new/additional numbers could not be processed. Our support will look to serve your order.'
