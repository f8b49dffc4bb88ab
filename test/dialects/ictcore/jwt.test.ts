import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, test } from 'node:test'
import { buildApp } from '../../../src/app.ts'
import { insertUser } from '../../../src/core/users/index.ts'
import { openDatabase } from '../../../src/db/client.ts'
import { signToken, VerifiedTokens } from '../../../src/dialects/ictcore/jwt.ts'
import { testConfig, testLogger } from '../../helpers/app.ts'
import { openTestDatabase, TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'

const secret = randomBytes(32)
const claims = { iss: 'test', iat: 1000, nbf: 1000, exp: 2000, user_id: 7, username: 'u', is_admin: 0 as const, 'api-version': '1.0' as const }

describe('remembered token verifications', () => {
  test('a remembered token still expires on time', () => {
    const tokens = new VerifiedTokens(secret)
    const { token } = signToken(secret, claims)
    assert.equal(tokens.verify(token, 1500)?.user_id, 7)
    assert.equal(tokens.verify(token, 1999)?.user_id, 7)
    assert.equal(tokens.verify(token, 2000), null)
    assert.equal(tokens.verify(token, 2001), null)
  })

  test('a token is not valid before its nbf (5 s of skew allowed)', () => {
    const tokens = new VerifiedTokens(secret)
    const { token } = signToken(secret, claims)
    assert.equal(tokens.verify(token, 994), null)
    assert.equal(tokens.verify(token, 995)?.user_id, 7)
  })

  test('tokens signed with another secret or altered are refused, however often presented', () => {
    const tokens = new VerifiedTokens(secret)
    const foreign = signToken(randomBytes(32), claims).token
    const [h, , s] = signToken(secret, claims).token.split('.')
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...claims, user_id: 1 })).toString('base64url')}.${s}`
    for (let i = 0; i < 3; i++) {
      assert.equal(tokens.verify(foreign, 1500), null)
      assert.equal(tokens.verify(altered, 1500), null)
    }
  })

  test('only the canonical encoding of a signature is accepted: padding or extra characters make it invalid (#13 finding 5)', () => {
    const tokens = new VerifiedTokens(secret)
    const { token } = signToken(secret, claims)
    assert.equal(tokens.verify(token, 1500)?.user_id, 7)
    for (const variant of [`${token}=`, `${token}==`, `${token}A`, `${token}.`, token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))]) {
      assert.equal(tokens.verify(variant, 1500), null, variant.slice(-6))
    }
  })

  test('the oldest token is forgotten first when full, and verified again when it comes back', () => {
    const tokens = new VerifiedTokens(secret, 2)
    const t = [1, 2, 3].map((id) => signToken(secret, { ...claims, user_id: id }).token)
    for (const token of t) assert.ok(tokens.verify(token, 1500))
    assert.equal(tokens.verify(t[0]!, 1500)?.user_id, 1)
  })

  test('remembered claims cannot be changed by a caller', () => {
    const tokens = new VerifiedTokens(secret)
    const { token } = signToken(secret, claims)
    const c = tokens.verify(token, 1500)!
    assert.throws(() => { (c as { user_id: number }).user_id = 1 })
    assert.equal(tokens.verify(token, 1500)?.user_id, 7)
  })
})

// A token revoked through one server must stop working on another that has used (and remembered) it.
if (TEST_DATABASES.includes('postgres')) {
  describe('token revocation across processes (postgres)', () => {
    test('a token cancelled through one server is refused by the other within moments', async () => {
      const database = await openTestDatabase('postgres')
      const second = await openDatabase({ databaseUrl: database.pool!.options.connectionString!, poolSize: 4 })
      const config = testConfig()
      const a = await buildApp({ config, database, logger: testLogger() })
      const b = await buildApp({ config, database: second, logger: testLogger() })
      try {
        const u = await insertUser(a.core.db, null, { username: 'tok-user', password: 'secret12' })
        const login = await a.http.inject({ method: 'POST', url: '/api/authenticate', payload: { username: 'tok-user', password: 'secret12' } })
        const bearer = { authorization: `Bearer ${login.json().token}` }
        const read = async () => (await a.http.inject({ method: 'GET', url: `/api/users/${u.id}`, headers: bearer })).statusCode
        assert.equal(await read(), 200)
        assert.equal(await read(), 200)
        const cancel = await b.http.inject({ method: 'POST', url: '/api/authenticate/cancel', headers: bearer })
        assert.equal(cancel.body, 'true')
        assert.equal(await until('the other server to refuse the cancelled token', read, (status) => status !== 200, { timeoutMs: 5000, intervalMs: 10 }), 401)
      } finally {
        await b.stop()
        await a.stop()
        await second.close()
        await database.close()
      }
    })
  })
}
