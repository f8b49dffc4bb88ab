import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { copyMigratedPgliteDataDir } from '../helpers/database.ts'
import { removeDir, runCliInProcess, tempDataDir } from './cli-process.ts'

// Issue 16: the product commands (create, list, addons) reach the native catalogue routes.

describe('product commands (PGlite, no server)', () => {
  let dataDir: string
  let env: Record<string, string>
  let reseller: { id: number; apiKey: string }
  before(async () => {
    dataDir = tempDataDir()
    // The subject is the commands, not a first start on a new directory: a migrated database instead of initdb.
    await copyMigratedPgliteDataDir(dataDir)
    env = { DATA_DIR: dataDir }
    reseller = JSON.parse((await runCliInProcess(['reseller', 'create', '--name', 'Catalog Co', '--username', 'catalogco', '--json'], env)).stdout)
  })
  after(() => removeDir(dataDir))
  const cli = async (...args: string[]) => {
    const res = await runCliInProcess([...args, '--json'], env)
    return { code: res.code, out: JSON.parse(res.stdout) as Record<string, any>, stderr: res.stderr } // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  test('a main product and an add-on are created, allowed and listed', async () => {
    const gold = await cli('product', 'create', '--reseller', String(reseller.id), '--kind', 'main', '--name', 'Gold', '--currency', 'GBP', '--fee', '9.99')
    assert.equal(gold.code, 0, gold.stderr)
    const intl = await cli('product', 'create', '--reseller', String(reseller.id), '--kind', 'addon', '--name', 'Intl', '--currency', 'GBP', '--priority', '2')
    assert.equal(intl.code, 0, intl.stderr)
    const allowed = await cli('product', 'addons', String(gold.out.id), '--addons', String(intl.out.id))
    assert.deepEqual(allowed.out, { addonIds: [intl.out.id] })
    const list = await cli('product', 'list', '--reseller', String(reseller.id))
    assert.deepEqual(list.out.items.map((p: { id: number; kind: string; fee: string }) => [p.id, p.kind, p.fee]), [[gold.out.id, 'main', '9.99'], [intl.out.id, 'addon', '0']])
  })

  test('a bad kind is refused before any request; an unknown product is not found', async () => {
    const bad = await runCliInProcess(['product', 'create', '--reseller', String(reseller.id), '--kind', 'other', '--name', 'X', '--currency', 'GBP'], env)
    assert.notEqual(bad.code, 0)
    assert.match(bad.stderr, /--kind must be main or addon/)
    assert.deepEqual((await cli('product', 'addons', '999999', '--addons', '1')).out, { error: 'Product not found' })
  })
})
