import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { sandboxSends } from '../../src/core/sandbox/index.ts'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { until } from '../helpers/poll.ts'
import { basic } from '../helpers/wire.ts'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

/** Polls `GET /transmissions/{id}/status` as the ICTCore clients do, until a final state. */
function pollStatus(app: TestApp, id: number, auth: string): Promise<string> {
  return until(`transmission ${id} to reach a final state`, async () => {
    const res = await app.http.inject({ method: 'GET', url: `/api/transmissions/${id}/status`, headers: { authorization: auth } })
    assert.equal(res.statusCode, 200)
    return res.json() as string
  }, (status) => status !== 'pending' && status !== 'processing')
}

for (const kind of TEST_DATABASES) {
  describe(`ICTCore fax send chain of the public clients, issue 3 (${kind})`, () => {
    let app: TestApp
    let user: { username: string; password: string }

    before(async () => {
      app = await startTestApp(kind, {}, { dispatch: true })
      const admin = await app.user(null, { roles: ['admin', 'user'] })
      const adminAuth = basic(admin.username, admin.password)
      const created = await app.http.inject({ method: 'POST', url: '/api/users', headers: { authorization: adminAuth }, payload: { username: 'faxer', passwd: 'secret-pw', phone: '+15550001111' } })
      assert.equal(created.statusCode, 200, created.body)
      user = { username: 'faxer', password: 'secret-pw' }
      const provider = await app.http.inject({ method: 'POST', url: '/api/providers', headers: { authorization: adminAuth }, payload: { name: 'sandbox', type: 'sandbox', settings: '{"default":{"pages":3}}' } })
      assert.equal(provider.statusCode, 200, provider.body)
    })
    after(() => app.stop())

    async function chain(auth: string, mediaUpload: (documentId: number) => Promise<number>): Promise<{ transmissionId: number; spoolId: number }> {
      const call = async (method: string, url: string, payload?: unknown) => {
        const res = await app.http.inject({ method: method as 'POST', url, headers: { authorization: auth, 'content-type': 'application/json' }, payload: payload === undefined ? undefined : JSON.stringify(payload) })
        assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`)
        return res.json() as number
      }
      const contactId = await call('POST', '/api/contacts', { first_name: 'Fax', phone: '+15551234567' })
      const documentId = await call('POST', '/api/messages/documents', { name: 'invoice' })
      assert.equal(await mediaUpload(documentId), documentId)
      const programId = await call('POST', '/api/programs/sendfax', { name: 'fax it', document_id: documentId })
      const transmissionId = await call('POST', '/api/transmissions', { contact_id: contactId, program_id: programId })
      const spoolId = await call('POST', `/api/transmissions/${transmissionId}/send`)
      assert.equal(await pollStatus(app, transmissionId, auth), 'completed')
      return { transmissionId, spoolId }
    }

    test('Basic auth on every call: contact, document, PUT raw PDF media, sendfax program, transmission, send, status completed', async () => {
      const auth = basic(user.username, user.password)
      const { transmissionId, spoolId } = await chain(auth, async (id) => {
        const res = await app.http.inject({ method: 'PUT', url: `/api/messages/documents/${id}/media`, headers: { authorization: auth, 'content-type': 'application/pdf' }, payload: PDF })
        assert.equal(res.statusCode, 200, res.body)
        return res.json() as number
      })
      const results = await app.http.inject({ method: 'GET', url: `/api/transmissions/${transmissionId}/result`, headers: { authorization: auth } })
      const rows = (results.json() as { type: string; name: string; data: string; spool_id: number }[]).map((r) => `${r.type}/${r.name}=${r.data}`)
      assert.deepEqual(rows, ['application/originate=success', 'info/pages=3', 'application/fax_send=success', 'application/disconnect=success'])
      const spool = (await app.http.inject({ method: 'GET', url: `/api/spools/${spoolId}`, headers: { authorization: auth } })).json() as Record<string, unknown>
      assert.equal(spool.status, 'completed')
      assert.equal(spool.transmission_id, transmissionId)
      const logged = await app.core.db.select().from(sandboxSends).where(eq(sandboxSends.spoolId, spoolId))
      assert.equal(logged.length, 1, 'the sandbox received the send once')
      assert.equal(logged[0]!.destination, '+15551234567')
      assert.match(logged[0]!.contentRef!, /^document:\d+$/)
    })

    test('Bearer token from POST /authenticate and POST /documents/{id}/media: the same chain completes', async () => {
      const login = await app.http.inject({ method: 'POST', url: '/api/authenticate', payload: { username: user.username, password: user.password } })
      assert.equal(login.statusCode, 200)
      const auth = `Bearer ${(login.json() as { token: string }).token}`
      const { transmissionId } = await chain(auth, async (id) => {
        const res = await app.http.inject({ method: 'POST', url: `/api/documents/${id}/media`, headers: { authorization: auth, 'content-type': 'application/pdf' }, payload: PDF })
        assert.equal(res.statusCode, 200, res.body)
        return res.json() as number
      })
      const t = (await app.http.inject({ method: 'GET', url: `/api/transmissions/${transmissionId}`, headers: { authorization: auth } })).json() as Record<string, unknown>
      assert.equal(t.status, 'completed')
      assert.equal(t.try_done, 1)
      assert.equal(t.response, null)
      assert.equal(t.program_type, 'sendfax')
      assert.equal(t.contact_phone, '+15551234567')
    })
  })
}
