import assert from 'node:assert/strict'
import crypto, { createHmac } from 'node:crypto'
import { syncBuiltinESMExports } from 'node:module'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { signToken } from '../../../src/dialects/ictcore/jwt.ts'
import { jwtSigningKey, rotateJwtSigningKey } from '../../../src/core/settings/jwt-signing-key.ts'
import { eq } from 'drizzle-orm'
import { actorForUser, users } from '../../../src/core/users/index.ts'
import { serverSettings } from '../../../src/core/settings/server-settings.table.ts'

const INVALID = { error: { code: 401, message: 'Invalid credentials' } }

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'))
}

for (const kind of TEST_DATABASES) {
  describe(`ICTCore authentication, spec §2 (${kind})`, () => {
    let app: TestApp
    let admin: { id: number; username: string; password: string }
    before(async () => {
      app = await startTestApp(kind)
      admin = await app.user(null, { roles: ['admin', 'user'], email: `boss-${Date.now()}@example.com` })
    })
    after(async () => { await app.stop() })

    const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
      app.http.inject({ method: 'POST', url, payload: payload as string, headers })
    const get = (url: string, headers: Record<string, string>) => app.http.inject({ method: 'GET', url, headers })
    const basic = (id: string, pw: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${pw}`).toString('base64')}` })

    function assert401(res: LightMyRequestResponse) {
      assert.equal(res.statusCode, 401)
      assert.deepEqual(res.json(), INVALID)
      assert.equal(res.headers['www-authenticate'], 'Basic realm="ictcore"')
    }

    test('POST /authenticate returns the user with a Bearer JWT, its claims as listed', async () => {
      const res = await post('/api/authenticate', { username: admin.username, password: admin.password })
      assert.equal(res.statusCode, 200)
      const body = res.json()
      assert.equal(body.user_id, admin.id)
      assert.equal(body.username, admin.username)
      assert.equal(body.is_admin, 1)
      assert.equal(body.token_type, 'Bearer')
      assert.equal(body.scope, 'All')
      assert.equal(body.expires_in, 31_104_000)
      assert.equal(body.access_token, body.token)
      assert.equal('passwd' in body || 'password' in body, false)
      const [header] = body.token.split('.')
      assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), { alg: 'HS256', typ: 'JWT' })
      const c = claimsOf(body.token)
      assert.equal(c.user_id, admin.id)
      assert.equal(c.username, admin.username)
      assert.equal(c.is_admin, 1)
      assert.equal(c['api-version'], '1.0')
      assert.equal(c.nbf, c.iat)
      assert.equal((c.exp as number) - (c.iat as number), 31_104_000)
      assert.match(String(c.iss), /^https?:\/\//)
      const sig = createHmac('sha256', await jwtSigningKey(app.core)).update(body.token.split('.').slice(0, 2).join('.')).digest('base64url')
      assert.equal(body.token.split('.')[2], sig, 'signed HS256 with the server secret')
    })

    test('the identifier may be the email (any case) or the user_id; is_admin is 0 for plain users', async () => {
      const byEmail = await post('/api/authenticate', { email: (await app.core.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, admin.id) }))!.email!.toUpperCase(), password: admin.password })
      assert.equal(byEmail.statusCode, 200)
      const plain = await app.user(null)
      const byId = await post('/api/authenticate', { user_id: plain.id, password: plain.password })
      assert.equal(byId.statusCode, 200)
      assert.equal(byId.json().is_admin, 0)
      assert.equal(claimsOf(byId.json().token).is_admin, 0)
    })

    test('wrong password, unknown user, missing fields and inactive users answer 401 with WWW-Authenticate', async () => {
      const inactive = await app.user(null, { active: false })
      for (const body of [{ username: admin.username, password: 'wrong-password' }, { username: 'nobody-here', password: 'whatever1' },
        { username: admin.username }, { password: admin.password }, {}, { username: inactive.username, password: inactive.password }]) {
        assert401(await post('/api/authenticate', body))
      }
      assert401(await post('/api/authenticate', '[1]', { 'content-type': 'application/json' }))
    })

    test('Bearer works under Authorization and under the guide\'s Authentication header', async () => {
      const { token } = (await post('/api/authenticate', { username: admin.username, password: admin.password })).json()
      assert.equal((await get('/api/users', { authorization: `Bearer ${token}` })).statusCode, 200)
      assert.equal((await get('/api/users', { authentication: `Bearer ${token}` })).statusCode, 200)
    })

    test('Basic works with username, email or user id, split at the first colon', async () => {
      const pw = 'pa:ss:word'
      const email = `colon-${Date.now()}@example.com`
      const u = await app.user(null, { password: pw, email })
      assert.equal((await get(`/api/users/${u.id}`, basic(u.username, pw))).statusCode, 200)
      assert.equal((await get(`/api/users/${u.id}`, basic(String(u.id), pw))).statusCode, 200)
      assert.equal((await get(`/api/users/${u.id}`, { authentication: basic(email, pw).authorization })).statusCode, 200)
      assert401(await get('/api/users', basic(u.username, 'pa:ss')))
    })

    test('missing, malformed, forged and expired credentials answer 401', async () => {
      const { token } = (await post('/api/authenticate', { username: admin.username, password: admin.password })).json()
      const [h, p] = token.split('.')
      const forgedPayload = Buffer.from(JSON.stringify({ ...claimsOf(token), user_id: 999999 })).toString('base64url')
      const now = Math.floor(Date.now() / 1000)
      const expiredPayload = Buffer.from(JSON.stringify({ ...claimsOf(token), iat: now - 100, nbf: now - 100, exp: now - 1 })).toString('base64url')
      const expired = `${h}.${expiredPayload}.${createHmac('sha256', await jwtSigningKey(app.core)).update(`${h}.${expiredPayload}`).digest('base64url')}`
      const noneAlg = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`
      for (const headers of [{}, { authorization: 'Bearer' }, { authorization: 'Bearer garbage' }, { authorization: `Bearer ${h}.${forgedPayload}.${token.split('.')[2]}` },
        { authorization: `Bearer ${expired}` }, { authorization: `Bearer ${noneAlg}` }, { authorization: 'Digest abc' }, { authorization: 'Basic !!!' }]) {
        assert401(await get('/api/users', headers as Record<string, string>))
      }
    })

    test('POST /authenticate/cancel answers true and revokes the Bearer token it carries', async () => {
      const { token } = (await post('/api/authenticate', { username: admin.username, password: admin.password })).json()
      const other = (await post('/api/authenticate', { username: admin.username, password: admin.password })).json().token
      const bearer = { authorization: `Bearer ${token}` }
      assert.equal((await get('/api/users', bearer)).statusCode, 200)
      const cancel = await post('/api/authenticate/cancel', undefined, bearer)
      assert.equal(cancel.statusCode, 200)
      assert.equal(cancel.body, 'true')
      assert401(await get('/api/users', bearer))
      assert.equal((await get('/api/users', { authorization: `Bearer ${other}` })).statusCode, 200, 'other tokens stay valid')
      const anonymous = await post('/api/authenticate/cancel', undefined)
      assert.equal(anonymous.body, 'true')
    })

    test('a token stops working once its user is deactivated or deleted', async () => {
      const u = await app.user(null)
      const { token } = (await post('/api/authenticate', { username: u.username, password: u.password })).json()
      const bearer = { authorization: `Bearer ${token}` }
      assert.equal((await get(`/api/users/${u.id}`, bearer)).statusCode, 200)
      const adminAuth = basic(admin.username, admin.password)
      await app.http.inject({ method: 'PUT', url: `/api/users/${u.id}`, payload: { active: 0 }, headers: adminAuth })
      assert401(await get(`/api/users/${u.id}`, bearer))
      assert401(await get(`/api/users/${u.id}`, basic(u.username, u.password)))
    })

    test('a password change invalidates cached Basic logins at once', async () => {
      const u = await app.user(null)
      assert.equal((await get(`/api/users/${u.id}`, basic(u.username, u.password))).statusCode, 200)
      const res = await app.http.inject({ method: 'PUT', url: `/api/users/${u.id}/password`, payload: { password: 'brand-new-pw' }, headers: basic(u.username, u.password) })
      assert.equal(res.statusCode, 200)
      assert401(await get(`/api/users/${u.id}`, basic(u.username, u.password)))
      assert.equal((await get(`/api/users/${u.id}`, basic(u.username, 'brand-new-pw'))).statusCode, 200)
    })
    test('a username may not be all digits, and an all-digit identifier is always a user id (#13 finding 2)', async () => {
      const victim = await app.user(null)
      const r = await app.reseller()
      const otherAdmin = await app.user(r.id, { roles: ['admin', 'user'] })
      const shadow = await app.http.inject({
        method: 'POST', url: '/api/users', headers: basic(otherAdmin.username, otherAdmin.password),
        payload: { username: String(victim.id), password: 'shadow-pw-1', email: `shadow-${victim.id}@example.com` },
      })
      assert.equal(shadow.statusCode, 412, shadow.body)
      assert.match(shadow.body, /username/)
      const renamed = await app.http.inject({
        method: 'PUT', url: `/api/users/${otherAdmin.id}`, headers: basic(otherAdmin.username, otherAdmin.password), payload: { username: String(victim.id) },
      })
      assert.equal(renamed.statusCode, 412, renamed.body)
      for (const body of [{ user_id: victim.id }, { user_id: String(victim.id) }, { username: String(victim.id) }]) {
        const res = await post('/api/authenticate', { ...body, password: victim.password })
        assert.equal(res.statusCode, 200, JSON.stringify(body))
        assert.equal(res.json().user_id, victim.id)
      }
      assert.equal((await get(`/api/users/${victim.id}`, basic(String(victim.id), victim.password))).statusCode, 200)
    })

    test('tokens issued before a password change, a role change or a disable are refused, also once re-enabled (#13 finding 5)', async () => {
      const key = await jwtSigningKey(app.core)
      const now = Math.floor(Date.now() / 1000)
      const earlier = (u: { id: number; username: string }) => signToken(key, {
        iss: 'test', iat: now - 60, nbf: now - 60, exp: now + 3600, user_id: u.id, username: u.username, is_admin: 0, 'api-version': '1.0',
      }).token
      const adminAuth = basic(admin.username, admin.password)
      const u = await app.user(null)
      // Each phase starts as if the last change were an hour ago, so a token of a minute ago predates only the change made next.
      const settle = () => app.core.db.update(users).set({ tokensValidFrom: new Date((now - 3600) * 1000) }).where(eq(users.id, u.id))
      const bearer = (t: string) => ({ authorization: `Bearer ${t}` })

      await settle()
      let old = earlier(u)
      assert.equal((await get(`/api/users/${u.id}`, bearer(old))).statusCode, 200)
      await app.http.inject({ method: 'PUT', url: `/api/users/${u.id}/password`, payload: { password: 'changed-pw-1' }, headers: basic(u.username, u.password) })
      assert401(await get(`/api/users/${u.id}`, bearer(old)))
      const fresh = (await post('/api/authenticate', { username: u.username, password: 'changed-pw-1' })).json().token
      assert.equal((await get(`/api/users/${u.id}`, bearer(fresh))).statusCode, 200, 'a login right after the change works')

      await settle()
      old = earlier(u)
      assert.equal((await get(`/api/users/${u.id}`, bearer(old))).statusCode, 200)
      await app.http.inject({ method: 'PUT', url: `/api/users/${u.id}`, payload: { active: 0 }, headers: adminAuth })
      await app.http.inject({ method: 'PUT', url: `/api/users/${u.id}`, payload: { active: 1 }, headers: adminAuth })
      assert401(await get(`/api/users/${u.id}`, bearer(old)))

      await settle()
      old = earlier(u)
      assert.equal((await get(`/api/users/${u.id}`, bearer(old))).statusCode, 200)
      const roles = (await get('/api/roles', adminAuth)).json() as { role_id: number; name: string }[]
      const adminRole = roles.find((r) => r.name === 'admin')!
      assert.equal((await app.http.inject({ method: 'PUT', url: `/api/users/${u.id}/roles/${adminRole.role_id}`, headers: adminAuth })).statusCode, 200)
      assert401(await get(`/api/users/${u.id}`, bearer(old)))
    })

    test('an unknown user costs the same password hashing as a wrong password: timing does not tell who exists (#13 finding 4)', async () => {
      const u = await app.user(null)
      // Counts scrypt runs (the whole cost of a refusal) instead of timing them: deterministic on a busy machine.
      let runs = 0
      const original = crypto.scrypt
      crypto.scrypt = ((...args: Parameters<typeof crypto.scrypt>) => { runs++; return original(...args) }) as typeof crypto.scrypt
      syncBuiltinESMExports()
      try {
        const hashingOf = async (body: Record<string, string>) => {
          runs = 0
          assert401(await post('/api/authenticate', body))
          return runs
        }
        await hashingOf({ username: `nobody-warm-${u.username}`, password: 'warm-up' }) // the hash of nothing is made once per process
        for (let i = 0; i < 3; i++) {
          assert.equal(await hashingOf({ username: u.username, password: `wrong-${i}` }), 1, 'a wrong password is checked once')
          assert.equal(await hashingOf({ username: `nobody-${i}-${u.username}`, password: `wrong-${i}` }), 1, 'an unknown user is checked once too')
          assert.equal(await hashingOf({ email: `nobody-${i}@example.com`, password: `wrong-${i}` }), 1, 'an unknown email too')
        }
      } finally {
        crypto.scrypt = original
        syncBuiltinESMExports()
      }
    })

    test('the signing key is not in the database: no stored setting signs a token the server accepts (#13)', async () => {
      const { token } = (await post('/api/authenticate', { username: admin.username, password: admin.password })).json()
      const [h, p, sig] = token.split('.')
      const rows = await app.core.db.select().from(serverSettings)
      assert.ok(rows.length > 0)
      for (const { value } of rows) {
        for (const key of [Buffer.from(value, 'utf8'), Buffer.from(value, 'base64url')]) {
          assert.notEqual(createHmac('sha256', key).update(`${h}.${p}`).digest('base64url'), sig)
        }
      }
      assert.equal(rows.some((r) => r.name === 'jwt_secret'), false)
    })

    test('rotating the signing key refuses every token issued before; a new login works (#13)', async () => {
      const u = await app.user(null)
      const { token } = (await post('/api/authenticate', { username: u.username, password: u.password })).json()
      assert.equal((await get(`/api/users/${u.id}`, { authorization: `Bearer ${token}` })).statusCode, 200)
      const rotate = await post('/native/jwt/rotate', {}, basic(admin.username, admin.password))
      assert.equal(rotate.statusCode, 200)
      assert.deepEqual(rotate.json(), { rotated: true })
      assert401(await get(`/api/users/${u.id}`, { authorization: `Bearer ${token}` }))
      const fresh = (await post('/api/authenticate', { username: u.username, password: u.password })).json().token
      assert.equal((await get(`/api/users/${u.id}`, { authorization: `Bearer ${fresh}` })).statusCode, 200)
    })

    test('only a platform admin may rotate the signing key', async () => {
      const r = await app.reseller()
      const tenantAdmin = await app.user(r.id, { roles: ['admin', 'user'] })
      const res = await post('/native/jwt/rotate', {}, basic(tenantAdmin.username, tenantAdmin.password))
      // A reseller's administrator may sign in to the native API (its own tenant), but rotating is the platform's.
      assert.deepEqual([res.statusCode, res.json()], [403, { error: 'forbidden' }])
      await assert.rejects(rotateJwtSigningKey(app.core, await actorForUser(app.core, tenantAdmin.id)), { kind: 'forbidden' })
    })
  })
}
