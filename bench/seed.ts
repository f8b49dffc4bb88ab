import { randomBytes } from 'node:crypto'
import { runCli } from './processes.ts'

// Seeds one running server through its public surfaces (CLI, ICTCore, Packetera, ResellerClub) and
// returns the read requests to measure. A dialect whose routes are not there (yet) becomes a case
// marked "not available" with the reason, instead of failing the run.

export interface BenchCase {
  name: string
  /** Request path (with query) on the server. */
  path?: string
  headers?: Record<string, string>
  /** Why the case cannot run. */
  unavailable?: string
}

export const ADMIN_PASSWORD = 'bench-admin-pw-1'

interface Reply { status: number; text: string; json?: unknown }

async function request(base: string, method: string, path: string, init: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers }
  let body: string | undefined
  if (init.json !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(init.json) }
  if (init.form) { headers['content-type'] = 'application/x-www-form-urlencoded'; body = new URLSearchParams(init.form).toString() }
  const res = await fetch(`${base}${path}`, { method, headers, body })
  const text = await res.text()
  let json: unknown
  try { json = JSON.parse(text) } catch { /* not JSON */ }
  return { status: res.status, text, json }
}

/** Runs one GET the way the bench will and says why it is not a success, or null when it is. */
async function probe(base: string, c: BenchCase, ok: (r: Reply) => boolean): Promise<BenchCase> {
  const r = await request(base, 'GET', c.path!, { headers: c.headers })
  return ok(r) ? c : { name: c.name, unavailable: `probe answered ${r.status}: ${r.text.slice(0, 120).replace(/\s+/g, ' ')}` }
}

function fail(name: string, step: string, r: Reply): BenchCase {
  return { name, unavailable: `${step} answered ${r.status}${r.status === 404 ? ' (route not there yet)' : ''}: ${r.text.slice(0, 120).replace(/\s+/g, ' ')}` }
}

export async function seed(base: string, env: NodeJS.ProcessEnv): Promise<BenchCase[]> {
  const tag = randomBytes(3).toString('hex')
  const reseller = JSON.parse(await runCli(['reseller', 'create', '--name', 'Bench Partner', '--username', `bench${tag}`, '--json'], env)) as
    { id: number; username: string; apiKey: string }
  const cases: BenchCase[] = []

  // ICTCore: log in as the bootstrap admin, read a user with the Bearer token.
  let token: string | undefined
  {
    const name = 'ICTCore Bearer GET /api/users/{id}'
    const r = await request(base, 'POST', '/api/authenticate', { json: { username: 'admin', password: ADMIN_PASSWORD } })
    const body = r.json as { token?: string; user_id?: number } | undefined
    if (r.status !== 200 || !body?.token) cases.push(fail(name, 'POST /api/authenticate', r))
    else {
      token = body.token
      cases.push(await probe(base, { name, path: `/api/users/${body.user_id ?? 1}`, headers: { authorization: `Bearer ${token}` } },
        (p) => p.status === 200 && (p.json as { user_id?: number })?.user_id !== undefined))
    }
  }

  // Packetera: a member through 1101 AddNewCard, read through 1303 GetMemberProfile.
  {
    const name = 'Packetera 1303 GetMemberProfile'
    const member = { UserEmail: `m${tag}@example.com`, UserPassword: 'member-pw-1' }
    const auth = { WebUserName: reseller.username, WebUserPassword: reseller.apiKey }
    const r = await request(base, 'POST', '/packetera/cbc_APIs.aspx', {
      form: { TransactionType: '1101', ...auth, ...member, FirstName: 'Bench', LastName: 'Member', PhoneNumber: '+14155550100', Corporate: 'No' },
    })
    if (r.status !== 200 || !r.text.startsWith('Status=Success')) cases.push(fail(name, 'Packetera 1101', r))
    else {
      const q = new URLSearchParams({ TransactionType: '1303', ...auth, ...member })
      cases.push(await probe(base, { name, path: `/packetera/cbc_APIs.aspx?${q}` }, (p) => p.status === 200 && p.text.startsWith('Status=Success')))
    }
  }

  // ResellerClub: a customer through signup, read through details-by-id.
  const rcEmail = `c${tag}@example.com`
  let customerId: number | undefined
  {
    const name = 'ResellerClub details-by-id'
    const auth = { 'auth-userid': String(reseller.id), 'api-key': reseller.apiKey }
    const r = await request(base, 'POST', '/resellerclub/api/customers/v2/signup.json', {
      form: {
        ...auth, username: rcEmail, passwd: 'Bench1234', name: 'Bench Customer', company: 'Bench Ltd', 'address-line-1': '1 Main St',
        city: 'Springfield', state: 'Oregon', country: 'US', zipcode: '97477', 'phone-cc': '1', phone: '5415550100', 'lang-pref': 'en',
      },
    })
    if (r.status !== 200 || typeof r.json !== 'number') cases.push(fail(name, 'ResellerClub signup', r))
    else {
      customerId = r.json
      const q = new URLSearchParams({ ...auth, 'customer-id': String(customerId) })
      cases.push(await probe(base, { name, path: `/resellerclub/api/customers/details-by-id.json?${q}` },
        (p) => p.status === 200 && String((p.json as { customerid?: unknown })?.customerid) === String(customerId)))
    }
  }

  // Porta: the RC customer's primary user gets an account through ICTCore; Porta reads it by IAccount.
  {
    const name = 'Porta GetAccountInfoByIAccount'
    if (!token) cases.push({ name, unavailable: 'needs an ICTCore admin token (ICTCore login not available)' })
    else if (customerId === undefined) cases.push({ name, unavailable: 'needs a ResellerClub customer (signup not available)' })
    else {
      const bearer = { authorization: `Bearer ${token}` }
      const users = await request(base, 'GET', `/api/users?username=${encodeURIComponent(rcEmail)}`, { headers: bearer })
      const user = Array.isArray(users.json) ? (users.json as { user_id: number; username: string }[]).find((u) => u.username === rcEmail) : undefined
      if (!user) cases.push(fail(name, 'ICTCore GET /api/users?username=', users))
      else {
        const acct = await request(base, 'POST', '/api/accounts', { headers: bearer, json: { type: 'account', username: `acct${tag}`, email: rcEmail, first_name: 'Bench' } })
        if (acct.status !== 200 || typeof acct.json !== 'number') cases.push(fail(name, 'ICTCore POST /api/accounts', acct))
        else {
          const own = await request(base, 'PUT', `/api/accounts/${acct.json}/users/${user.user_id}`, { headers: bearer })
          if (own.status !== 200) cases.push(fail(name, 'ICTCore PUT /api/accounts/{id}/users/{user_id}', own))
          else {
            cases.push(await probe(base, { name, path: `/porta/GetAccountInfoByIAccount/${reseller.apiKey}/${acct.json}` }, (p) => p.status === 200))
          }
        }
      }
    }
  }
  return cases
}
