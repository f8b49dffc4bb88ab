import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { resellerActor, systemActor, type Actor } from '../../../src/core/actor.ts'
import { addNumbers, findRegion, poolLevels, REGIONS, setPoolBackorder } from '../../../src/core/numbers/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

describe('number-type catalogue', () => {
  test('every region is found by name, code and alpha-2 in any case; UK and _ / + forms too', () => {
    for (const r of REGIONS) {
      for (const form of [r.name, r.name.toUpperCase(), r.name.replace(/ /g, '+'), r.code, r.code.replace('-', '_').toUpperCase(), r.alpha2.toLowerCase()]) {
        assert.equal(findRegion(form)?.name, r.name, form)
      }
    }
    assert.equal(findRegion('uk')?.code, 'en-gb')
    assert.equal(findRegion('Atlantis'), null)
    assert.equal(findRegion(''), null)
  })

  test('each desc begins with its key', () => {
    for (const r of REGIONS) for (const t of r.numberTypes) assert.ok(t.desc.startsWith(`${t.key} `), t.desc)
  })
})

for (const kind of TEST_DATABASES) {
  describe(`tracking-number inventory (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind) })
    after(async () => { await app.stop() })

    test('added numbers have the national format of the region and begin with the type key', async () => {
      const expected: [string, string, RegExp][] = [
        ['AU', '1300', /^1300\d{6}$/], ['Australia', '02', /^02[2-9]\d{7}$/], ['UK', '020', /^020[2-9]\d{7}$/],
        ['en-gb', '0800', /^0800\d{7}$/], ['US', '212', /^212[2-9]\d{6}$/], ['US', '888', /^888\d{7}$/],
        ['JP', '0120', /^0120\d{6}$/], ['Japan', '03', /^03[2-9]\d{7}$/], ['HK', '2', /^2\d{7}$/], ['HK', '800', /^800\d{5}$/],
        ['NZ', '09', /^09[2-9]\d{6}$/], ['NZ', '0800', /^0800\d{6}$/], ['SG', '6', /^6\d{7}$/], ['SG', '1800', /^1800\d{7}$/],
        ['CN', '010', /^010[2-9]\d{7}$/], ['CN', '400', /^400\d{7}$/],
      ]
      for (const [region, numberType, re] of expected) {
        const r = await addNumbers(app.core, systemActor, { region, numberType, count: 5 })
        assert.equal(r.added, 5)
        assert.equal(r.numbers.length, 5)
        for (const n of r.numbers) assert.match(n, re, `${region} ${numberType}`)
      }
    })

    test('numbers are unique deployment-wide across many additions', async () => {
      const all: string[] = []
      for (let i = 0; i < 4; i++) all.push(...(await addNumbers(app.core, systemActor, { region: 'HK', numberType: '3', count: 250 })).numbers)
      assert.equal(new Set(all).size, 1000)
      assert.deepEqual(await poolLevels(app.core, systemActor, { region: 'Hong Kong', numberType: '3' }), { free: 1000, allocated: 0 })
    })

    test('bad region, type or count is Invalid naming the field; a non-admin actor is Forbidden', async () => {
      await assert.rejects(addNumbers(app.core, systemActor, { region: 'Mars', numberType: '1300', count: 1 }), { kind: 'invalid', field: 'region' })
      await assert.rejects(addNumbers(app.core, systemActor, { region: 'AU', numberType: '0800', count: 1 }), { kind: 'invalid', field: 'numberType', reason: 'is invalid for region Australia' })
      for (const count of [0, -1, 1.5, 10_001, Number.NaN]) {
        await assert.rejects(addNumbers(app.core, systemActor, { region: 'AU', numberType: '1800', count }), { kind: 'invalid', field: 'count' })
      }
      const user: Actor = { ...resellerActor(1), isAdmin: false }
      await assert.rejects(addNumbers(app.core, user, { region: 'AU', numberType: '1800', count: 1 }), { kind: 'forbidden' })
    })

    test('a reseller adds its own stock, visible to it but not to other resellers', async () => {
      const a = await app.reseller()
      const b = await app.reseller()
      await addNumbers(app.core, resellerActor(a.id), { region: 'US', numberType: '305', count: 3 })
      await addNumbers(app.core, systemActor, { region: 'US', numberType: '305', count: 2 })
      assert.deepEqual(await poolLevels(app.core, resellerActor(a.id), { region: 'US', numberType: '305' }), { free: 5, allocated: 0 })
      assert.deepEqual(await poolLevels(app.core, resellerActor(b.id), { region: 'US', numberType: '305' }), { free: 2, allocated: 0 })
    })

    test('only the platform sets a pool backorder flag', async () => {
      const a = await app.reseller()
      await assert.rejects(setPoolBackorder(app.core, resellerActor(a.id), { region: 'AU', numberType: '07', backorder: false }), { kind: 'forbidden' })
      const pool = await setPoolBackorder(app.core, systemActor, { region: 'au', numberType: '07', backorder: false })
      assert.deepEqual([pool.region, pool.numberType, pool.backorder], ['Australia', '07', false])
    })
  })
}
