import assert from 'node:assert/strict'
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import { unzipSync } from 'fflate'
import { after, before, describe, test } from 'node:test'
import { mediaDir } from '../../../src/core/messages/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

type Login = { username: string; password: string }
const basic = (u: Login) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const notFound = (entity: string) => ({ error: { code: 404, message: `${entity} not found` } })
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 7)])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(50, 1)])
const WAV = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(64, 2)])
const MP3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(40, 3)])

for (const kind of TEST_DATABASES) {
  describe(`ICTCore messages and media, spec §4.7, §5.5, §5.6, §9 (${kind})`, () => {
    let app: TestApp
    let admin: Login & { id: number }
    let alice: Login & { id: number }
    let bob: Login & { id: number }
    let call: (method: string, url: string, payload?: unknown, as?: Login, headers?: Record<string, string>) => Promise<LightMyRequestResponse>
    before(async () => {
      app = await startTestApp(kind)
      admin = await app.user(null, { roles: ['admin', 'user'] })
      alice = await app.user(null)
      bob = await app.user(null)
      call = (method, url, payload, as = alice, headers = {}) =>
        app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: { ...basic(as), ...headers } })
    })
    after(async () => { await app.stop() })

    test('documents: create at either base, read every field, update, list with filters, delete with the GET alias', async () => {
      const id = (await call('POST', '/api/messages/documents', { name: 'Invoice', description: 'March' })).json()
      assert.equal(typeof id, 'number')
      const doc = (await call('GET', `/api/documents/${id}`)).json()
      assert.deepEqual(Object.keys(doc).sort(), ['date_created', 'description', 'document_id', 'last_updated', 'name', 'parts', 'size', 'type', 'user_id'])
      assert.deepEqual({ ...doc, date_created: 0, last_updated: 0 }, { document_id: id, name: 'Invoice', description: 'March', type: null, parts: 0, size: 0, user_id: alice.id, date_created: 0, last_updated: 0 })
      const put = await call('PUT', `/api/messages/documents/${id}`, { description: null, document_id: 999, parts: 7 })
      assert.equal(put.statusCode, 200)
      assert.equal(put.json().description, null)
      assert.equal(put.json().document_id, id)
      assert.equal(put.json().parts, 0)
      assert.deepEqual((await call('PUT', `/api/documents/${id}`, { name: '' })).json(), failed('name'))
      assert.deepEqual((await call('POST', '/api/documents', { description: 'x' })).json(), failed('name'))
      assert.deepEqual((await call('POST', '/api/documents', { name: 5 })).json(), failed('name'))
      assert.deepEqual((await call('POST', '/api/documents', { name: 'x'.repeat(256) })).json(), failed('name'))
      const other = (await call('POST', '/api/documents', { name: 'Receipt' })).json()
      assert.deepEqual((await call('GET', '/api/documents?name=INVO')).json().map((d: { document_id: number }) => d.document_id), [id])
      assert.deepEqual((await call('GET', `/api/messages/documents?document_id=${other}`)).json().map((d: { document_id: number }) => d.document_id), [other])
      assert.deepEqual((await call('GET', '/api/documents?limit=1&offset=1')).json().map((d: { document_id: number }) => d.document_id), [other])
      assert.deepEqual((await call('GET', '/api/documents?document_id=x')).json(), failed('document_id'))
      assert.deepEqual((await call('GET', '/api/documents?limit=0')).json(), failed('limit'))
      const del = await call('GET', `/api/documents/${other}/delete`)
      assert.equal(del.statusCode, 200)
      assert.equal(del.json(), true)
      assert.deepEqual((await call('GET', `/api/documents/${other}`)).json(), notFound('Document'))
      assert.equal((await call('DELETE', `/api/messages/documents/${id}`)).json(), true)
      assert.deepEqual((await call('DELETE', `/api/messages/documents/${id}`)).json(), notFound('Document'))
    })

    test('ownership: another user sees 404 and an empty list; an admin sees all and narrows by user_id', async () => {
      const id = (await call('POST', '/api/recordings', { name: 'Greeting' })).json()
      assert.deepEqual((await call('GET', `/api/recordings/${id}`, undefined, bob)).json(), notFound('Recording'))
      assert.deepEqual((await call('PUT', `/api/recordings/${id}`, { name: 'x' }, bob)).json(), notFound('Recording'))
      assert.deepEqual((await call('DELETE', `/api/recordings/${id}`, undefined, bob)).json(), notFound('Recording'))
      assert.deepEqual((await call('PUT', `/api/recordings/${id}/media`, WAV, bob, { 'content-type': 'audio/wav' })).json(), notFound('Recording'))
      assert.deepEqual((await call('GET', `/api/recordings?user_id=${alice.id}`, undefined, bob)).json(), [])
      assert.ok((await call('GET', '/api/recordings', undefined, admin)).json().some((r: { recording_id: number }) => r.recording_id === id))
      assert.deepEqual((await call('GET', `/api/recordings?created_by=${bob.id}`, undefined, admin)).json(), [])
      assert.equal((await call('GET', `/api/messages/recordings/${id}`, undefined, admin)).json().user_id, alice.id)
      const reseller = await app.reseller()
      const foreignAdmin = await app.user(reseller.id, { roles: ['admin', 'user'] })
      assert.deepEqual((await call('GET', `/api/recordings/${id}`, undefined, foreignAdmin)).json(), notFound('Recording'))
      assert.deepEqual((await call('GET', '/api/recordings', undefined, foreignAdmin)).json(), [])
    })

    test('permissions: a user without the message permissions gets 403', async () => {
      const plain = await app.user(null, { roles: [] })
      const res = await call('POST', '/api/texts', { name: 'n', data: 'hi' }, plain)
      assert.equal(res.statusCode, 403)
      assert.deepEqual(res.json(), { error: { code: 403, message: 'User not permitted to perform required action' } })
      assert.equal((await call('GET', '/api/templates', undefined, plain)).statusCode, 403)
    })

    test('texts: type defaults from data, validates binary hex, length counts characters', async () => {
      const plain = (await call('POST', '/api/messages/texts', { name: 'a', data: 'Hello' })).json()
      const t = (await call('GET', `/api/texts/${plain}`)).json()
      assert.deepEqual(Object.keys(t).sort(), ['data', 'date_created', 'description', 'last_updated', 'length', 'name', 'text_id', 'type', 'user_id'])
      assert.equal(t.type, 'plain')
      assert.equal(t.length, 5)
      const uni = (await call('POST', '/api/texts', { name: 'b', data: 'Grüße 👋' })).json()
      assert.equal((await call('GET', `/api/texts/${uni}`)).json().type, 'unicode')
      assert.equal((await call('GET', `/api/texts/${uni}`)).json().length, 7)
      const bin = (await call('POST', '/api/texts', { name: 'c', data: '0aFF', type: 'binary' })).json()
      assert.equal((await call('GET', `/api/texts/${bin}`)).json().type, 'binary')
      assert.deepEqual((await call('POST', '/api/texts', { name: 'd', data: 'abc', type: 'binary' })).json(), failed('type'))
      assert.deepEqual((await call('POST', '/api/texts', { name: 'd', data: 'abc', type: 'morse' })).json(), failed('type'))
      assert.deepEqual((await call('POST', '/api/texts', { name: 'd' })).json(), failed('data'))
      assert.deepEqual((await call('POST', '/api/texts', { name: 'd', data: 'x'.repeat(1601) })).json(), failed('data'))
      assert.equal((await call('POST', '/api/texts', { name: 'd', data: 'é'.repeat(1600) })).statusCode, 200)
      assert.deepEqual((await call('PUT', `/api/texts/${plain}`, { data: null })).json(), failed('data'))
      const upd = (await call('PUT', `/api/texts/${plain}`, { data: 'Ça va' })).json()
      assert.equal(upd.type, 'unicode')
      assert.equal(upd.length, 5)
      assert.equal((await call('PUT', `/api/texts/${bin}`, { data: 'beef' })).json().type, 'binary')
      assert.deepEqual((await call('GET', '/api/texts?type=binary&data=BEE')).json().map((x: { text_id: number }) => x.text_id), [bin])
      assert.deepEqual((await call('GET', `/api/texts/${bin}/media`)).json(), { error: { code: 404, message: 'Not Found' } })
    })

    test('templates: subject and body required, body_alt optional; attachment of any type replaces', async () => {
      assert.deepEqual((await call('POST', '/api/templates', { name: 't', body: '<p>x</p>' })).json(), failed('subject'))
      assert.deepEqual((await call('POST', '/api/templates', { name: 't', subject: 's' })).json(), failed('body'))
      const id = (await call('POST', '/api/messages/templates', { name: 't', subject: 'Hello', body: '<p>Hi</p>' })).json()
      const tpl = (await call('GET', `/api/templates/${id}`)).json()
      assert.deepEqual(Object.keys(tpl).sort(), ['body', 'body_alt', 'date_created', 'description', 'last_updated', 'name', 'size', 'subject', 'template_id', 'type', 'user_id'])
      assert.equal(tpl.body_alt, null)
      assert.equal(tpl.type, null)
      assert.equal((await call('PUT', `/api/templates/${id}`, { body_alt: 'Hi' })).json().body_alt, 'Hi')
      assert.deepEqual((await call('PUT', `/api/templates/${id}`, { body: '' })).json(), failed('body'))
      assert.deepEqual((await call('GET', '/api/templates?subject=hell')).json().map((x: { template_id: number }) => x.template_id), [id])
      const csv = Buffer.from('a,b\n1,2\n')
      assert.equal((await call('POST', `/api/templates/${id}/media`, csv, alice, { 'content-type': 'text/csv' })).json(), id)
      assert.equal((await call('GET', `/api/templates/${id}`)).json().type, 'csv')
      const blob = Buffer.from([1, 2, 3, 4])
      assert.equal((await call('PUT', `/api/messages/templates/${id}/media`, blob, alice, { 'content-type': 'application/octet-stream' })).json(), id)
      const after = (await call('GET', `/api/templates/${id}`)).json()
      assert.equal(after.type, 'bin')
      assert.equal(after.size, 4)
      const dl = await call('GET', `/api/templates/${id}/media`)
      assert.equal(dl.headers['content-type'], 'application/octet-stream')
      assert.equal(dl.headers['content-disposition'], `attachment; filename="template_${id}.bin"`)
      assert.deepEqual(dl.rawPayload, blob)
      assert.deepEqual(readdirSync(join(mediaDir(app.core), 'template', String(id))), ['1.bin'])
    })

    test('document media: raw, multipart, base64 and sniffed uploads; POST appends, PUT replaces; multi-part downloads as zip', async () => {
      const id = (await call('POST', '/api/documents', { name: 'Fax' })).json()
      assert.deepEqual((await call('GET', `/api/documents/${id}/media`)).json(), notFound('Media'))
      const put = await call('PUT', `/api/messages/documents/${id}/media`, PDF, alice, { 'content-type': 'application/pdf; charset=binary' })
      assert.equal(put.statusCode, 200)
      assert.equal(put.json(), id)
      let doc = (await call('GET', `/api/documents/${id}`)).json()
      assert.deepEqual([doc.type, doc.parts, doc.size], ['pdf', 1, PDF.length])
      const one = await call('GET', `/api/documents/${id}/media`)
      assert.equal(one.statusCode, 200)
      assert.equal(one.headers['content-type'], 'application/pdf')
      assert.equal(one.headers['content-length'], String(PDF.length))
      assert.equal(one.headers['content-disposition'], `attachment; filename="document_${id}.pdf"`)
      assert.equal(one.headers['x-content-type-options'], 'nosniff', '#13 finding 7: served as the type it was checked to be')
      assert.deepEqual(one.rawPayload, PDF)

      const boundary = 'xYz123'
      const multipart = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`), PNG,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ])
      assert.equal((await call('POST', `/api/documents/${id}/media`, multipart, alice, { 'content-type': `multipart/form-data; boundary=${boundary}` })).json(), id)
      const b64 = `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 9]).toString('base64')}`
      assert.equal((await call('POST', `/api/documents/${id}/media`, b64, alice, { 'content-type': 'base64' })).json(), id)
      const tif = Buffer.from([0x49, 0x49, 0x2a, 0x00, 5, 5, 5])
      assert.equal((await call('POST', `/api/documents/${id}/media`, tif, alice, { 'content-type': 'application/octet-stream' })).json(), id)
      doc = (await call('GET', `/api/documents/${id}`)).json()
      assert.deepEqual([doc.type, doc.parts, doc.size], ['pdf', 4, PDF.length + PNG.length + 6 + tif.length])
      const zip = await call('GET', `/api/documents/${id}/media`)
      assert.equal(zip.headers['content-type'], 'application/zip')
      assert.equal(zip.headers['content-disposition'], `attachment; filename="document_${id}.zip"`)
      assert.equal(zip.headers['content-length'], String(zip.rawPayload.length))
      const entries = unzipSync(new Uint8Array(zip.rawPayload))
      assert.deepEqual(Object.keys(entries), ['1.pdf', '2.png', '3.jpg', '4.tif'])
      assert.deepEqual(Buffer.from(entries['2.png']!), PNG)
      const dir = join(mediaDir(app.core), 'document', String(id))
      assert.deepEqual(readdirSync(dir).sort(), ['1.pdf', '2.png', '3.jpg', '4.tif'])

      assert.equal((await call('PUT', `/api/documents/${id}/media`, PNG, alice, { 'content-type': 'image/png' })).json(), id)
      doc = (await call('GET', `/api/documents/${id}`)).json()
      assert.deepEqual([doc.type, doc.parts, doc.size], ['png', 1, PNG.length])
      assert.deepEqual(readdirSync(dir), ['1.png'], 'files of replaced parts are removed')
      assert.deepEqual(readdirSync(join(mediaDir(app.core), '.tmp')), [], 'no temporary file is left')

      assert.equal((await call('DELETE', `/api/documents/${id}`)).json(), true)
      assert.equal(existsSync(join(dir, '1.png')), false, 'a deleted message loses its files')
    })

    test('upload refusals: 411 empty, 415 unsupported or unrecognised, 413 over 20 MiB; nothing is stored', async () => {
      const id = (await call('POST', '/api/documents', { name: 'Refusals' })).json()
      const empty = await call('PUT', `/api/documents/${id}/media`, Buffer.alloc(0), alice, { 'content-type': 'application/pdf' })
      assert.equal(empty.statusCode, 411)
      assert.deepEqual(empty.json(), { error: { code: 411, message: 'Empty upload' } })
      const wrong = await call('PUT', `/api/documents/${id}/media`, WAV, alice, { 'content-type': 'audio/wav' })
      assert.equal(wrong.statusCode, 415)
      assert.deepEqual(wrong.json(), { error: { code: 415, message: 'Unsupported media type' } })
      assert.equal((await call('PUT', `/api/documents/${id}/media`, Buffer.from('hello'), alice, { 'content-type': 'application/octet-stream' })).statusCode, 415)
      assert.equal((await call('PUT', `/api/documents/${id}/media`, PDF, alice, { 'content-type': 'application/json' })).statusCode, 415)
      // Bytes that are not what the declared type says (#13 finding 7).
      for (const [bytes, type] of [[Buffer.from('just some text'), 'application/pdf'], [PNG, 'application/pdf'], [PDF, 'image/png'], [Buffer.from('<svg/>'), 'image/jpeg']] as const) {
        const mismatch = await call('PUT', `/api/documents/${id}/media`, bytes, alice, { 'content-type': type })
        assert.equal(mismatch.statusCode, 415, `${type}: ${mismatch.body}`)
      }
      const big = await call('PUT', `/api/documents/${id}/media`, Buffer.alloc(20 * 1024 * 1024 + 1, 0x25), alice, { 'content-type': 'application/pdf' })
      assert.equal(big.statusCode, 413)
      assert.deepEqual(big.json(), { error: { code: 413, message: 'Request entity too large' } })
      const doc = (await call('GET', `/api/documents/${id}`)).json()
      assert.deepEqual([doc.type, doc.parts, doc.size], [null, 0, 0])
      const fits = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)])
      assert.equal((await call('PUT', `/api/documents/${id}/media`, fits, alice, { 'content-type': 'application/pdf' })).json(), id, 'media bodies are not held to the 1 MiB JSON limit')
      // The media directory becomes unusable (a file where the directory was), as a broken disk would.
      const dir = mediaDir(app.core)
      renameSync(dir, `${dir}.away`)
      writeFileSync(dir, '')
      try {
        const broken = await call('POST', `/api/documents/${id}/media`, PDF, alice, { 'content-type': 'application/pdf' })
        assert.equal(broken.statusCode, 417)
        assert.deepEqual(broken.json(), { error: { code: 417, message: 'Document update failed' } })
      } finally {
        rmSync(dir)
        renameSync(`${dir}.away`, dir)
      }
      assert.equal((await call('GET', `/api/documents/${id}`)).json().parts, 1)
    })

    test('media paths follow §1: .json suffix, trailing slash, HEAD without a body, CORS exposes Content-Disposition', async () => {
      const id = (await call('POST', '/api/documents', { name: 'Paths' })).json()
      assert.equal((await call('PUT', `/api/documents/${id}/media.json`, PDF, alice, { 'content-type': 'application/pdf' })).json(), id)
      assert.equal((await call('POST', `/api/messages/documents/${id}/media/`, PNG, alice, { 'content-type': 'image/png' })).json(), id)
      assert.equal((await call('GET', `/api/documents/${id}`)).json().parts, 2)
      const head = await call('HEAD', `/api/documents/${id}/media`)
      assert.equal(head.statusCode, 200)
      assert.equal(head.headers['content-type'], 'application/zip')
      assert.equal(head.rawPayload.length, 0)
      const cors = await call('GET', `/api/documents/${id}/media`, undefined, alice, { origin: 'https://ui.example' })
      assert.equal(cors.headers['access-control-allow-origin'], 'https://ui.example')
      assert.equal(cors.headers['access-control-expose-headers'], 'Content-Disposition')
      const anonymous = await app.http.inject({ method: 'PUT', url: `/api/documents/${id}/media`, payload: PDF, headers: { 'content-type': 'application/pdf' } })
      assert.equal(anonymous.statusCode, 401)
      assert.equal((await call('GET', `/api/documents/${id}`)).json().parts, 2)
    })

    test('recording media: accepted audio types and sniffing; POST replaces; download carries the type', async () => {
      const id = (await call('POST', '/api/messages/recordings', { name: 'Voice' })).json()
      assert.equal((await call('POST', `/api/recordings/${id}/media`, WAV, alice, { 'content-type': 'audio/x-wav' })).json(), id)
      assert.equal((await call('POST', `/api/recordings/${id}/media`, MP3, alice, { 'content-type': 'application/octet-stream' })).json(), id)
      const rec = (await call('GET', `/api/recordings/${id}`)).json()
      assert.deepEqual([rec.type, rec.parts, rec.size], ['mp3', 1, MP3.length])
      const dl = await call('GET', `/api/messages/recordings/${id}/media`)
      assert.equal(dl.headers['content-type'], 'audio/mpeg')
      assert.equal(dl.headers['content-disposition'], `attachment; filename="recording_${id}.mp3"`)
      assert.deepEqual(dl.rawPayload, MP3)
      assert.equal((await call('PUT', `/api/recordings/${id}/media`, PDF, alice, { 'content-type': 'application/pdf' })).statusCode, 415)
      assert.equal((await call('POST', `/api/recordings/${id}/media`, WAV, alice, { 'content-type': 'audio/x-gsm', 'x-http-method-override': 'PUT' })).json(), id)
      assert.equal((await call('GET', `/api/recordings/${id}`)).json().type, 'gsm')
      assert.equal((await call('GET', '/api/recordings?type=gsm')).json().length, 1)
    })
  })
}
