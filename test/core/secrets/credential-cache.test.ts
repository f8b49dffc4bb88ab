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

describe('verifications in flight', () => {
  test('concurrent checks of one credential run once and share the outcome', async () => {
    const cache = new CredentialCache<string>()
    let runs = 0
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const verify = async () => { runs++; await gate; return 'reseller' }
    const checks = [cache.verifyOnce(['k', 'secret'], verify), cache.verifyOnce(['k', 'secret'], verify), cache.verifyOnce(['k', 'other'], verify)]
    release()
    assert.deepEqual(await Promise.all(checks), ['reseller', 'reseller', 'reseller'])
    assert.equal(runs, 2, 'one run per distinct credential')
  })

  test('a failed check fails every request that joined it, and the next request checks again', async () => {
    const cache = new CredentialCache<string>()
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const refused = async (): Promise<string> => { await gate; throw new Error('unauthenticated') }
    const checks = [cache.verifyOnce(['k'], refused), cache.verifyOnce(['k'], async () => 'unused')]
    release()
    for (const c of checks) await assert.rejects(c, /unauthenticated/)
    assert.equal(await cache.verifyOnce(['k'], async () => 'ok'), 'ok')
  })

  test('parts are not concatenation-ambiguous in flight either', async () => {
    const cache = new CredentialCache<string>()
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const a = cache.verifyOnce(['ab', 'c'], async () => { await gate; return 'a' })
    const b = cache.verifyOnce(['a', 'bc'], async () => 'b')
    release()
    assert.deepEqual(await Promise.all([a, b]), ['a', 'b'])
  })
})

describe('verifications in flight, behind the cache', () => {
  test('a check answered from the cache is not held as in flight; a check that misses is', async () => {
    const cache = new CredentialCache<string>()
    cache.set(['k'], 'p', 'cached')
    let runs = 0
    // Like the core's checks: look the cache up first, then do the slow part.
    const check = async () => {
      const hit = cache.get(['k'])
      if (hit) return hit
      runs++
      await new Promise((r) => setImmediate(r))
      return 'verified'
    }
    assert.deepEqual(await Promise.all([cache.verifyOnce(['x'], check), cache.verifyOnce(['x'], check)]), ['cached', 'cached'])
    cache.drop('p')
    assert.deepEqual(await Promise.all([cache.verifyOnce(['x'], check), cache.verifyOnce(['x'], check)]), ['verified', 'verified'])
    assert.equal(runs, 1)
  })
})

describe('verifications in flight, during a refresh', () => {
  test('requests arriving while one request refreshes an entry are served by the entry, not made to wait', async () => {
    let now = 0
    const cache = new CredentialCache<string>(30_000, 100, () => now)
    cache.set(['k'], 'p', 'old')
    now = 26_000
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const check = async () => {
      const hit = cache.get(['k'])
      if (hit) return hit
      await gate
      cache.set(['k'], 'p', 'new')
      return 'new'
    }
    const refreshing = cache.verifyOnce(['x'], check)
    assert.equal(await cache.verifyOnce(['x'], check), 'old', 'answered while the refresh is still running')
    release()
    assert.equal(await refreshing, 'new')
    assert.equal(await cache.verifyOnce(['x'], check), 'new')
  })
})
