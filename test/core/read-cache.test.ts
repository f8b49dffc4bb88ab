import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ReadCache, TableGenerations, visibilityKey } from '../../src/core/read-cache.ts'

describe('exact read cache', () => {
  test('a cached read is served until one of its tables changes', async () => {
    const gens = new TableGenerations()
    const cache = new ReadCache(gens)
    let loads = 0
    const read = () => cache.get('k', ['users', 'roles'], async () => ++loads)
    assert.equal(await read(), 1)
    assert.equal(await read(), 1)
    gens.bump(['contacts'])
    assert.equal(await read(), 1)
    gens.bump(['roles'])
    assert.equal(await read(), 2)
    gens.bump(['*'])
    assert.equal(await read(), 3)
  })

  test('a read that raced a write is returned but not cached', async () => {
    const gens = new TableGenerations()
    const cache = new ReadCache(gens)
    let loads = 0
    const first = await cache.get('k', ['users'], async () => {
      loads++
      gens.bump(['users']) // a write commits while the old row is being read
      return 'old'
    })
    assert.equal(first, 'old')
    assert.equal(await cache.get('k', ['users'], async () => { loads++; return 'new' }), 'new')
    assert.equal(loads, 2)
  })

  test('nothing is served while the cache is not trusted', async () => {
    const cache = new ReadCache(new TableGenerations())
    await cache.get('k', ['t'], async () => 1)
    cache.trusted = false
    assert.equal(await cache.get('k', ['t'], async () => 2), 2)
    assert.equal(await cache.get('k', ['t'], async () => 3), 3)
  })

  test('failed reads are not cached', async () => {
    const cache = new ReadCache(new TableGenerations())
    await assert.rejects(cache.get('k', ['t'], async () => { throw new Error('not found') }))
    assert.equal(await cache.get('k', ['t'], async () => 'ok'), 'ok')
  })

  test('entries expire after the TTL', async (t) => {
    // The clock (Date) moved by hand: expiry is about time passing, not about waiting for it.
    t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 })
    const cache = new ReadCache(new TableGenerations(), 10)
    await cache.get('k', ['t'], async () => 1)
    t.mock.timers.tick(9)
    assert.equal(await cache.get('k', ['t'], async () => 2), 1)
    t.mock.timers.tick(1)
    assert.equal(await cache.get('k', ['t'], async () => 2), 2)
  })

  test('large values are bounded by their declared weight: the oldest are dropped first, one heavier than the bound is not kept', async () => {
    const cache = new ReadCache(new TableGenerations(), 60_000, 100, 10)
    let loads = 0
    const read = (key: string, weight: number) => cache.get(key, ['t'], async () => { loads++; return key }, () => weight)
    await read('a', 4)
    await read('b', 4)
    await read('c', 4) // 12 > 10: a goes
    assert.equal(loads, 3)
    await read('b', 4)
    await read('c', 4)
    assert.equal(loads, 3, 'b and c are still cached')
    await read('a', 4)
    assert.equal(loads, 4, 'a was dropped')
    await read('huge', 11)
    await read('huge', 11)
    assert.equal(loads, 6, 'a value heavier than the bound is never cached')
  })

  test('visibility keys separate tenants, admins and owners', () => {
    const base = { crossTenant: false, tenantId: 1, isAdmin: true, userId: 5 }
    const keys = new Set([
      visibilityKey(base), visibilityKey({ ...base, tenantId: 2 }), visibilityKey({ ...base, tenantId: null }),
      visibilityKey({ ...base, isAdmin: false }), visibilityKey({ ...base, isAdmin: false, userId: 6 }), visibilityKey({ ...base, crossTenant: true }),
    ])
    assert.equal(keys.size, 6)
  })
})

describe('exact read cache: concurrent misses', () => {
  test('concurrent misses of one key share one load', async () => {
    const cache = new ReadCache(new TableGenerations())
    let loads = 0
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const load = async () => { loads++; await gate; return loads }
    const reads = [cache.get('k', ['t'], load), cache.get('k', ['t'], load), cache.get('k', ['t'], load)]
    release()
    assert.deepEqual(await Promise.all(reads), [1, 1, 1])
    assert.equal(loads, 1)
  })

  test('a read that starts after a write does not join a load that began before it', async () => {
    const gens = new TableGenerations()
    const cache = new ReadCache(gens)
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const before = cache.get('k', ['t'], async () => { await gate; return 'old' })
    gens.bump(['t'])
    const after = cache.get('k', ['t'], async () => 'new')
    release()
    assert.equal(await before, 'old')
    assert.equal(await after, 'new')
    assert.equal(await cache.get('k', ['t'], async () => 'again'), 'new', 'the fresh read is the one cached')
  })

  test('a failed load fails every read that joined it, and the next read loads again', async () => {
    const cache = new ReadCache(new TableGenerations())
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    const failing = async () => { await gate; throw new Error('not found') }
    const reads = [cache.get('k', ['t'], failing), cache.get('k', ['t'], async () => 'unused')]
    release()
    for (const r of reads) await assert.rejects(r, /not found/)
    assert.equal(await cache.get('k', ['t'], async () => 'ok'), 'ok')
  })

  test('generation stamps change whenever one of their tables changes', () => {
    const gens = new TableGenerations()
    const s0 = gens.stamp(['a', 'b'])
    gens.bump(['c'])
    assert.equal(gens.stamp(['a', 'b']), s0)
    gens.bump(['a'])
    const s1 = gens.stamp(['a', 'b'])
    assert.notEqual(s1, s0)
    gens.bump(['b'])
    assert.notEqual(gens.stamp(['a', 'b']), s1)
    const s2 = gens.stamp(['a', 'b'])
    gens.bump(['*'])
    assert.notEqual(gens.stamp(['a', 'b']), s2)
  })
})
