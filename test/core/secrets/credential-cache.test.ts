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

describe('lookup: a cached credential, else one check for concurrent misses', () => {
  test('concurrent misses of one credential run one check and share the outcome', async () => {
    const cache = new CredentialCache<string>()
    let runs = 0
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const verify = async () => { runs++; await gate; return 'reseller' }
    const checks = [cache.lookup(['k', 'secret'], verify), cache.lookup(['k', 'secret'], verify), cache.lookup(['k', 'other'], verify)]
    release()
    assert.deepEqual(await Promise.all(checks), ['reseller', 'reseller', 'reseller'])
    assert.equal(runs, 2, 'one run per distinct credential')
  })

  test('a failed check fails every request that joined it, and the next request checks again', async () => {
    const cache = new CredentialCache<string>()
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const refused = async (): Promise<string> => { await gate; throw new Error('unauthenticated') }
    const checks = [cache.lookup(['k'], refused), cache.lookup(['k'], async () => 'unused')]
    release()
    for (const c of checks) await assert.rejects(c, /unauthenticated/)
    assert.equal(await cache.lookup(['k'], async () => 'ok'), 'ok')
  })

  test('parts are not concatenation-ambiguous in flight either', async () => {
    const cache = new CredentialCache<string>()
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const a = cache.lookup(['ab', 'c'], async () => { await gate; return 'a' })
    const b = cache.lookup(['a', 'bc'], async () => 'b')
    release()
    assert.deepEqual(await Promise.all([a, b]), ['a', 'b'])
  })

  test('a cached credential is answered without a check; after a drop, concurrent requests run one check', async () => {
    const cache = new CredentialCache<string>()
    cache.set(['k'], 'p', 'cached')
    let runs = 0
    // Like the core's checks: the slow part, then `set`.
    const check = async () => {
      runs++
      await new Promise((r) => setImmediate(r))
      cache.set(['k'], 'p', 'verified')
      return 'verified'
    }
    assert.deepEqual(await Promise.all([cache.lookup(['k'], check), cache.lookup(['k'], check)]), ['cached', 'cached'])
    assert.equal(runs, 0)
    cache.drop('p')
    assert.deepEqual(await Promise.all([cache.lookup(['k'], check), cache.lookup(['k'], check)]), ['verified', 'verified'])
    assert.equal(runs, 1)
    assert.equal(await cache.lookup(['k'], check), 'verified')
    assert.equal(runs, 1, 'cached again by the check')
  })

  test('requests arriving while one request refreshes an entry are served by the entry, not made to wait', async () => {
    let now = 0
    const cache = new CredentialCache<string>(30_000, 100, () => now)
    cache.set(['k'], 'p', 'old')
    now = 26_000
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const check = async () => {
      await gate
      cache.set(['k'], 'p', 'new')
      return 'new'
    }
    const refreshing = cache.lookup(['k'], check)
    assert.equal(await cache.lookup(['k'], check), 'old', 'answered while the refresh is still running')
    release()
    assert.equal(await refreshing, 'new')
    assert.equal(await cache.lookup(['k'], check), 'new')
  })
})
