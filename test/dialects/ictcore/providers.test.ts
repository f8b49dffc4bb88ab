import assert from 'node:assert/strict'
import { eq } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { providers } from '../../../src/core/providers/providers.table.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

type Login = { id: number; username: string; password: string }
const basic = (u: Login) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const FORBIDDEN = { error: { code: 403, message: 'User not permitted to perform required action' } }
const PROVIDER_NOT_FOUND = { error: { code: 404, message: 'Provider not found' } }
const FIELDS = ['provider_id', 'name', 'type', 'gateway_flag', 'service_flag', 'node_id', 'host', 'port', 'username', 'dialstring', 'settings',
  'description', 'prefix', 'register', 'weight', 'active', 'date_created', 'last_updated']

for (const kind of TEST_DATABASES) {
  describe(`ICTCore providers, spec §4.11 and §5.12 (${kind})`, () => {
    let app: TestApp
    let admin: Login
    let user: Login
    let call: (method: string, url: string, payload?: unknown, as?: Login) => Promise<LightMyRequestResponse>
    before(async () => {
      app = await startTestApp(kind)
      admin = await app.user(null, { roles: ['admin', 'user'] })
      user = await app.user(null)
      call = (method, url, payload, as = admin) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
    })
    after(async () => { await app.stop() })

    test('POST creates a provider whose flags and port default from its type; the password is encrypted and never returned', async () => {
      const id = (await call('POST', '/api/providers', { name: 'trunk-1', type: 'sip', host: 'sip.example.net', username: 'acme', password: 'trunk-secret', prefix: 9 })).json()
      assert.equal(typeof id, 'number')
      const p = (await call('GET', `/api/providers/${id}`)).json()
      assert.deepEqual(Object.keys(p).sort(), [...FIELDS].sort())
      assert.equal(p.gateway_flag, 8)
      assert.equal(p.service_flag, 3)
      assert.equal(p.port, 5060)
      assert.equal(p.node_id, 1)
      assert.equal(p.prefix, '9')
      assert.equal(p.register, 0)
      assert.equal(p.weight, 0)
      assert.equal(p.active, 1)
      assert.equal(p.dialstring, null)
      assert.ok(!JSON.stringify(p).includes('trunk-secret'))
      assert.ok(!JSON.stringify((await call('GET', '/api/providers')).json()).includes('trunk-secret'))
      const [row] = await app.core.db.select().from(providers).where(eq(providers.id, id))
      assert.equal(app.core.keyring.decrypt(row!.passwordEnc!), 'trunk-secret')
      const defaults: [string, Record<string, unknown>, number, number, number | null][] = [
        ['smpp', { host: '10.0.0.1', username: 'u' }, 2, 4, 2775],
        // An http provider is Kannel's sendsms (spec/gateways.md §3: 13013), or with fax: true a fax API (§5: 443), not §5.12's 80.
        ['http', { host: 'sms.example.com', username: 'u' }, 2, 4, 13013],
        ['http', { host: 'api.fax.example.com', username: 'u', settings: '{"fax":true}' }, 2, 4, 443],
        ['smtp', { host: 'mail.example.com' }, 4, 8, 25],
        ['sendmail', {}, 4, 8, null],
        ['sandbox', {}, 0, 15, null],
      ]
      for (const [type, body, gw, svc, port] of defaults) {
        const pid = (await call('POST', '/api/providers', { name: `p-${type}-${port}`, type, ...body })).json()
        const got = (await call('GET', `/api/providers/${pid}`)).json()
        assert.deepEqual([got.gateway_flag, got.service_flag, got.port], [gw, svc, port], type)
      }
      const custom = (await call('POST', '/api/providers', { name: 'fax-only', type: 'sip', host: '::1', username: 'u', service_flag: '2', port: 5080, weight: -5, register: 1, active: 0 })).json()
      const c = (await call('GET', `/api/providers/${custom}`)).json()
      assert.deepEqual([c.service_flag, c.port, c.weight, c.register, c.active], [2, 5080, -5, 1, 0])
    })

    test('validation: name required and unique, type known, host and username per type, flags and ports in range', async () => {
      assert.deepEqual((await call('POST', '/api/providers', { type: 'sandbox' })).json(), failed('name'))
      assert.deepEqual((await call('POST', '/api/providers', { name: 'x1' })).json(), failed('type'))
      assert.deepEqual((await call('POST', '/api/providers', { name: 'x1', type: 'pigeon' })).json(), failed('type'))
      assert.deepEqual((await call('POST', '/api/providers', { name: 'x1', type: 'sip', username: 'u' })).json(), failed('host'))
      assert.deepEqual((await call('POST', '/api/providers', { name: 'x1', type: 'sip', host: 'h' })).json(), failed('username'))
      assert.deepEqual((await call('POST', '/api/providers', { name: 'x1', type: 'smtp', host: 'bad host!' })).json(), failed('host'))
      assert.deepEqual((await call('POST', '/api/providers', { name: 'x1', type: 'sandbox', service_flag: 16 })).json(), failed('service_flag'))
      assert.deepEqual((await call('POST', '/api/providers', { name: 'x1', type: 'sandbox', service_flag: 0 })).json(), failed('service_flag'))
      assert.deepEqual((await call('POST', '/api/providers', { name: 'x1', type: 'smtp', host: 'h', port: 70000 })).json(), failed('port'))
      assert.deepEqual((await call('POST', '/api/providers', { name: 'x1', type: 'sandbox', register: 2 })).json(), failed('register'))
      assert.deepEqual((await call('POST', '/api/providers', { name: 'x1', type: 'sandbox', prefix: 'abc' })).json(), failed('prefix'))
      assert.equal((await call('POST', '/api/providers', { name: 'dup', type: 'sandbox' })).statusCode, 200)
      assert.deepEqual((await call('POST', '/api/providers', { name: 'dup', type: 'sendmail' })).json(), failed('name'))
    })

    test('sandbox settings are validated as the §5.12 JSON script (412 settings); a JSON object is accepted', async () => {
      const script = { default: { outcome: 'success', delay_ms: 0 }, rules: [{ match: '^\\+?1555', outcome: 'busy', cause: 'USER_BUSY', fail_first: 1 }, { match: 'fax', pages: 3, dtmf: '12#' }] }
      const id = (await call('POST', '/api/providers', { name: 'sb-ok', type: 'sandbox', settings: JSON.stringify(script) })).json()
      assert.deepEqual(JSON.parse((await call('GET', `/api/providers/${id}`)).json().settings), script)
      const id2 = (await call('POST', '/api/providers', { name: 'sb-obj', type: 'sandbox', settings: script })).json()
      assert.deepEqual(JSON.parse((await call('GET', `/api/providers/${id2}`)).json().settings), script)
      for (const bad of ['not json', '[1]', '{"default":{"outcome":"maybe"}}', '{"rules":{}}', '{"rules":[{"match":"("}]}',
        '{"default":{"delay_ms":-1}}', '{"default":{"pages":1.5}}', '{"rules":[5]}', '{"default":{"cause":7}}']) {
        assert.deepEqual((await call('POST', '/api/providers', { name: 'sb-bad', type: 'sandbox', settings: bad })).json(), failed('settings'), bad)
      }
      assert.deepEqual((await call('PUT', `/api/providers/${id}`, { settings: '{"default":{"outcome":"never"}}' })).json(), failed('settings'))
      const other = (await call('POST', '/api/providers', { name: 'sip-free-settings', type: 'sip', host: 'h', username: 'u', settings: 'anything goes' })).json()
      assert.equal((await call('GET', `/api/providers/${other}`)).json().settings, 'anything goes', 'other types keep free text')
    })

    test('a fax provider takes media url or upload (issue 18, spec/gateways.md §5); any other media is 412 settings', async () => {
      const fax = { name: 'fax-upload', type: 'http', service_flag: 2, host: 'api.fax.example.com', username: 'u', active: 0 }
      const id = (await call('POST', '/api/providers', { ...fax, settings: '{"fax":true,"media":"upload"}' })).json()
      assert.equal(typeof id, 'number')
      assert.equal(JSON.parse((await call('GET', `/api/providers/${id}`)).json().settings).media, 'upload')
      assert.equal((await call('PUT', `/api/providers/${id}`, { settings: '{"fax":true,"media":"url"}' })).statusCode, 200)
      assert.deepEqual((await call('PUT', `/api/providers/${id}`, { settings: '{"fax":true,"media":"inline"}' })).json(), failed('settings'))
      assert.deepEqual((await call('POST', '/api/providers', { ...fax, settings: '{"fax":true,"media":true}' })).json(), failed('settings'))
    })

    test('PUT is partial and returns the provider; a new type recomputes its flags; DELETE and GET …/delete answer true', async () => {
      const id = (await call('POST', '/api/providers', { name: 'mover', type: 'smtp', host: 'mail.example.com', password: 'p1' })).json()
      const p = (await call('PUT', `/api/providers/${id}`, { weight: 3, description: 'Main mail' })).json()
      assert.equal(p.weight, 3)
      assert.equal(p.description, 'Main mail')
      assert.equal(p.host, 'mail.example.com')
      const moved = (await call('PUT', `/api/providers/${id}`, { type: 'sandbox' })).json()
      assert.deepEqual([moved.type, moved.gateway_flag, moved.service_flag], ['sandbox', 0, 15])
      assert.deepEqual((await call('PUT', `/api/providers/${id}`, { type: 'sip' })).json(), failed('username'), 'the merged provider is checked')
      assert.deepEqual((await call('PUT', `/api/providers/${id}`, { name: '' })).json(), failed('name'))
      assert.deepEqual((await call('PUT', `/api/providers/${id}`, { name: 'dup2' })).json().name, 'dup2')
      await call('PUT', `/api/providers/${id}`, { password: 'p2' })
      const [row] = await app.core.db.select().from(providers).where(eq(providers.id, id))
      assert.equal(app.core.keyring.decrypt(row!.passwordEnc!), 'p2')
      assert.equal((await call('DELETE', `/api/providers/${id}`)).body, 'true')
      assert.deepEqual((await call('GET', `/api/providers/${id}`)).json(), PROVIDER_NOT_FOUND)
      assert.deepEqual((await call('GET', `/api/providers/${id}/delete`)).json(), PROVIDER_NOT_FOUND)
      const id2 = (await call('POST', '/api/providers', { name: 'gone', type: 'sandbox' })).json()
      assert.equal((await call('GET', `/api/providers/${id2}/delete`)).body, 'true')
    })

    test('lists filter by exact fields, bitmask flags and text', async () => {
      const sms = (await call('GET', '/api/providers?service_flag=4')).json() as { service_flag: number }[]
      assert.ok(sms.length > 0 && sms.every((p) => (p.service_flag & 4) !== 0))
      const kannel = (await call('GET', '/api/providers?gateway_flag=2')).json() as { gateway_flag: number }[]
      assert.ok(kannel.length > 0 && kannel.every((p) => p.gateway_flag === 2))
      assert.ok((await call('GET', '/api/providers?type=sandbox')).json().every((p: { type: string }) => p.type === 'sandbox'))
      assert.deepEqual((await call('GET', '/api/providers?name=TRUNK-')).json().map((p: { name: string }) => p.name), ['trunk-1'])
      assert.ok((await call('GET', '/api/providers?active=0')).json().every((p: { active: number }) => p.active === 0))
      assert.deepEqual((await call('GET', '/api/providers?service_flag=x')).json(), failed('service_flag'))
    })

    test('providers are admin only (403), and another tenant’s provider is not found', async () => {
      assert.deepEqual((await call('GET', '/api/providers', undefined, user)).json(), FORBIDDEN)
      assert.deepEqual((await call('POST', '/api/providers', { name: 'u', type: 'sandbox' }, user)).json(), FORBIDDEN)
      const mine = (await call('POST', '/api/providers', { name: 'platform-only', type: 'sandbox' })).json()
      const reseller = await app.reseller()
      const radmin = await app.user(reseller.id, { roles: ['admin', 'user'] })
      assert.deepEqual((await call('GET', `/api/providers/${mine}`, undefined, radmin)).json(), PROVIDER_NOT_FOUND)
      assert.equal((await call('POST', '/api/providers', { name: 'platform-only', type: 'sandbox' }, radmin)).statusCode, 200, 'names are unique per tenant')
      assert.ok((await call('GET', '/api/providers', undefined, radmin)).json().every((p: { name: string }) => p.name === 'platform-only'))
    })
  })
}
