import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, test } from 'node:test'
import { API_KEY_LENGTH, CredentialCache, Keyring, hashSecret, newApiKey, verifySecret } from '../../../src/core/secrets/index.ts'

describe('login secrets', () => {
  test('a scrypt hash verifies its secret and nothing else, and never contains it', async () => {
    const hash = await hashSecret('s3cret-pass')
    assert.match(hash, /^scrypt\$16384\$8\$1\$/)
    assert.ok(!hash.includes('s3cret-pass'))
    assert.equal(await verifySecret('s3cret-pass', hash), true)
    assert.equal(await verifySecret('s3cret-pasS', hash), false)
    assert.equal(await verifySecret('s3cret-pass', 'md5$abc'), false)
  })

  test('two hashes of one secret differ (salted)', async () => {
    assert.notEqual(await hashSecret('same'), await hashSecret('same'))
  })

  test('API keys are 20 base62 characters and do not repeat', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newApiKey()))
    assert.equal(keys.size, 1000)
    for (const k of keys) assert.match(k, new RegExp(`^[0-9A-Za-z]{${API_KEY_LENGTH}}$`))
  })
})

describe('verified-credential cache', () => {
  test('serves a verified credential until dropped for its principal', () => {
    const cache = new CredentialCache<string>(60_000)
    cache.set(['apikey', 'K1'], 'reseller:1', 'r1')
    cache.set(['apikey', 'K2'], 'reseller:2', 'r2')
    assert.equal(cache.get(['apikey', 'K1']), 'r1')
    cache.drop('reseller:1')
    assert.equal(cache.get(['apikey', 'K1']), undefined)
    assert.equal(cache.get(['apikey', 'K2']), 'r2')
  })

  test('entries expire after the TTL', () => {
    // The cache's clock, moved by hand: expiry is about time passing, not about waiting for it.
    let now = 1_000_000
    const cache = new CredentialCache<string>(20, 50_000, () => now)
    cache.set(['x'], 'p', 'v')
    assert.equal(cache.get(['x']), 'v')
    now += 20
    assert.equal(cache.get(['x']), undefined)
  })

  test('credential parts are not concatenation-ambiguous', () => {
    const cache = new CredentialCache<string>(60_000)
    cache.set(['ab', 'c'], 'p', 'v')
    assert.equal(cache.get(['a', 'bc']), undefined)
  })

  test('the oldest entry goes first when the cache is full', () => {
    const cache = new CredentialCache<string>(60_000, 2)
    cache.set(['1'], 'p', 'a')
    cache.set(['2'], 'p', 'b')
    cache.set(['3'], 'p', 'c')
    assert.equal(cache.get(['1']), undefined)
    assert.equal(cache.get(['3']), 'c')
  })
})

describe('keyring', () => {
  test('encrypts device secrets so that only the same key reads them', () => {
    const ring = new Keyring(randomBytes(32))
    const stored = ring.encrypt('sip-Secret-1')
    assert.ok(!stored.includes('sip-Secret-1'))
    assert.notEqual(stored, ring.encrypt('sip-Secret-1'))
    assert.equal(ring.decrypt(stored), 'sip-Secret-1')
    assert.throws(() => new Keyring(randomBytes(32)).decrypt(stored))
  })
})
