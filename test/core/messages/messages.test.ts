import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { actorForUser } from '../../../src/core/users/index.ts'
import type { Actor } from '../../../src/core/actor.ts'
import { mediaDirOf } from '../../../src/app.ts'
import {
  createMessage, deleteMessage, downloadMedia, getMessage, listMessages, mediaDir, mediaExtension, mediaFilesOf, sniffMime, storeMedia, updateMessage,
} from '../../../src/core/messages/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

const PDF = Buffer.from('%PDF-1.7 core test')

describe('media types and sniffing (spec/ictcore.md §9)', () => {
  test('each kind accepts its own types; templates accept anything', () => {
    assert.equal(mediaExtension('document', 'image/x-citrix-jpeg'), 'jpg')
    assert.equal(mediaExtension('document', 'Application/PDF; q=1'), 'pdf')
    assert.equal(mediaExtension('document', 'audio/wav'), null)
    assert.equal(mediaExtension('recording', 'audio/x-mpeg-3'), 'mp3')
    assert.equal(mediaExtension('recording', 'application/pdf'), null)
    assert.equal(mediaExtension('template', 'application/x-whatever'), 'bin')
    assert.equal(mediaExtension('template', 'text/html'), 'html')
    assert.equal(mediaExtension('template', 'not a type'), null)
  })

  test('magic bytes name pdf, tif, png, jpg, wav and mp3, and nothing else', () => {
    assert.equal(sniffMime(Buffer.from('%PDF-1.4')), 'application/pdf')
    assert.equal(sniffMime(Buffer.from([0x4d, 0x4d, 0x00, 0x2a])), 'image/tiff')
    assert.equal(sniffMime(Buffer.from([0x89, 0x50, 0x4e, 0x47])), 'image/png')
    assert.equal(sniffMime(Buffer.from([0xff, 0xd8, 0xff, 0xdb])), 'image/jpeg')
    assert.equal(sniffMime(Buffer.from('RIFF\0\0\0\0WAVE')), 'audio/wav')
    assert.equal(sniffMime(Buffer.from('ID3\x04')), 'audio/mpeg')
    assert.equal(sniffMime(Buffer.from([0xff, 0xfb, 0x90, 0x64])), 'audio/mpeg')
    assert.equal(sniffMime(Buffer.from('plain text')), null)
    assert.equal(sniffMime(Buffer.alloc(0)), null)
  })

  test('the media directory is MEDIA_DIR, else <DATA_DIR>/media', () => {
    assert.equal(mediaDirOf({ dataDir: '/srv/sb' }), '/srv/sb/media')
    assert.equal(mediaDirOf({ dataDir: '/srv/sb', mediaDir: '/mnt/media' }), '/mnt/media')
  })
})

for (const kind of TEST_DATABASES) {
  describe(`core messages and media (${kind})`, () => {
    let app: TestApp
    let alice: Actor
    let bob: Actor
    before(async () => {
      app = await startTestApp(kind)
      alice = await actorForUser(app.core, (await app.user(null)).id)
      bob = await actorForUser(app.core, (await app.user(null)).id)
    })
    after(async () => { await app.stop() })

    test('getMessage returns a visible message of each kind and NotFound for another owner', async () => {
      const doc = await createMessage(app.core, alice, 'document', { name: 'd' })
      const txt = await createMessage(app.core, alice, 'text', { name: 't', data: 'hi' })
      const tpl = await createMessage(app.core, alice, 'template', { name: 'p', subject: 's', body: 'b' })
      assert.equal((await getMessage(app.core, alice, 'document', doc)).kind, 'document')
      assert.deepEqual({ ...(await getMessage(app.core, alice, 'text', txt)), createdAt: null, updatedAt: null }, {
        kind: 'text', id: txt, tenantId: null, userId: alice.userId, name: 't', description: null, data: 'hi', type: 'plain', length: 2, createdAt: null, updatedAt: null,
      })
      assert.equal((await getMessage(app.core, alice, 'template', tpl)).kind, 'template')
      await assert.rejects(getMessage(app.core, bob, 'document', doc), { kind: 'not_found', entity: 'Document' })
      await assert.rejects(getMessage(app.core, alice, 'recording', doc), { kind: 'not_found', entity: 'Recording' })
      assert.deepEqual((await listMessages(app.core, bob, 'document')).map((m) => m.id), [])
      await assert.rejects(updateMessage(app.core, alice, 'template', tpl, { subject: null }), { kind: 'invalid', field: 'subject' })
      await assert.rejects(createMessage(app.core, alice, 'text', { name: 'n', data: 'a\u0000b' }), { kind: 'invalid', field: 'data' })
    })

    test('mediaFilesOf lists absolute paths in upload order; concurrent appends get distinct parts', async () => {
      const id = await createMessage(app.core, alice, 'document', { name: 'parts' })
      assert.deepEqual(await mediaFilesOf(app.core, 'document', id), [])
      assert.deepEqual(await mediaFilesOf(app.core, 'text', id), [])
      await storeMedia(app.core, alice, 'document', id, { bytes: PDF, mime: 'application/pdf' }, 'append')
      await Promise.all([1, 2, 3].map((n) => storeMedia(app.core, alice, 'document', id, { bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, n]), mime: 'image/png' }, 'append')))
      const files = await mediaFilesOf(app.core, 'document', id)
      assert.deepEqual(files.map((f) => f.path), [1, 2, 3, 4].map((p) => join(mediaDir(app.core), 'document', String(id), `${p}.${p === 1 ? 'pdf' : 'png'}`)))
      assert.deepEqual(files[0], { path: files[0]!.path, mime: 'application/pdf', ext: 'pdf', size: PDF.length })
      assert.deepEqual(readFileSync(files[0]!.path), PDF)
      const m = await getMessage(app.core, alice, 'document', id)
      assert.deepEqual([m.type, 'parts' in m && m.parts, 'size' in m && m.size], ['pdf', 4, PDF.length + 15])
      assert.equal((await downloadMedia(app.core, alice, 'document', id)).mime, 'application/zip')
    })

    test('storeMedia refuses empty bytes, a foreign message and an unsupported type, leaving nothing behind', async () => {
      const id = await createMessage(app.core, alice, 'recording', { name: 'r' })
      await assert.rejects(storeMedia(app.core, alice, 'recording', id, { bytes: Buffer.alloc(0), mime: 'audio/wav' }, 'replace'), { kind: 'invalid', field: 'media' })
      await assert.rejects(storeMedia(app.core, alice, 'recording', id, { bytes: PDF, mime: 'application/pdf' }, 'replace'), { kind: 'invalid', field: 'media' })
      await assert.rejects(storeMedia(app.core, bob, 'recording', id, { bytes: PDF, mime: 'audio/wav' }, 'replace'), { kind: 'not_found', entity: 'Recording' })
      await assert.rejects(downloadMedia(app.core, alice, 'recording', id), { kind: 'not_found', entity: 'Media' })
      assert.deepEqual(await mediaFilesOf(app.core, 'recording', id), [])
    })

    test('deleting a message removes its media rows and files', async () => {
      const id = await createMessage(app.core, alice, 'template', { name: 'p', subject: 's', body: 'b' })
      await storeMedia(app.core, alice, 'template', id, { bytes: Buffer.from('x'), mime: 'text/plain' }, 'replace')
      const [file] = await mediaFilesOf(app.core, 'template', id)
      assert.ok(existsSync(file!.path))
      await deleteMessage(app.core, alice, 'template', id)
      assert.equal(existsSync(file!.path), false)
      assert.deepEqual(await mediaFilesOf(app.core, 'template', id), [])
    })
  })
}
