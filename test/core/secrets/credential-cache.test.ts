import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { CredentialCache } from '../../../src/core/secrets/index.ts'

describe('verified-credential cache under steady use', () => {
  test('shortly before expiry one caller is sent to verify again while the others still hit', () => {
    let now = 0
    const cache = new CredentialCache<string>(30_000, 100, () => now)
    cache.set(['apikey', 'K'], 'reseller:1', 'r1')
    now = 24_999
    assert.equal(cache.get(['apikey', 'K']), 'r1')
    now = 25_000
    assert.equal(cache.get(['apikey', 'K']), undefined, 'the first caller in the last 5 s refreshes')
    assert.equal(cache.get(['apikey', 'K']), 'r1')
    assert.equal(cache.get(['apikey', 'K']), 'r1')
  })

  test('a refreshed entry lasts a full TTL from its new verification', () => {
    let now = 0
    const cache = new CredentialCache<string>(30_000, 100, () => now)
    cache.set(['k'], 'p', 'old')
    now = 26_000
    assert.equal(cache.get(['k']), undefined)
    cache.set(['k'], 'p', 'new')
    now = 50_000
    assert.equal(cache.get(['k']), 'new')
  })

  test('a refresh that never completes does not stretch the entry past its TTL', () => {
    let now = 0
    const cache = new CredentialCache<string>(30_000, 100, () => now)
    cache.set(['k'], 'p', 'v')
    now = 26_000
    assert.equal(cache.get(['k']), undefined)
    assert.equal(cache.get(['k']), 'v')
    now = 27_000
    assert.equal(cache.get(['k']), undefined, 'another caller may try again a second later')
    now = 30_000
    assert.equal(cache.get(['k']), undefined)
    assert.equal(cache.get(['k']), undefined)
  })

  test('a dropped principal is not served during its refresh window either', () => {
    let now = 0
    const cache = new CredentialCache<string>(30_000, 100, () => now)
    cache.set(['k'], 'user:9', 'v')
    now = 26_000
    cache.drop('user:9')
    assert.equal(cache.get(['k']), undefined)
    assert.equal(cache.get(['k']), undefined)
  })
})
