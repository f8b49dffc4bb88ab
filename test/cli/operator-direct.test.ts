import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { removeDir, runCli, tempDataDir } from './cli-process.ts'

// Issue 15 point 4: the operator commands (key, promo, gateway, numbers, customer, order) with
// --json, both ways a command reaches the database: directly (no server) and through a running server.

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown> & { items: Record<string, unknown>[]; total: number }

describe('operator commands without a running server (PGlite)', () => {
  let dataDir: string
  let env: Record<string, string>
  let reseller: { id: number; apiKey: string }
  before(async () => {
    dataDir = tempDataDir()
    env = { DATA_DIR: dataDir }
    const res = await runCli(['reseller', 'create', '--name', 'Operator Co', '--username', 'operatorco', '--json'], env)
    reseller = JSON.parse(res.stdout)
  })
  after(() => removeDir(dataDir))
  const cli = async (...args: string[]) => {
    const res = await runCli([...args, '--json'], env)
    return { code: res.code, out: json(res.stdout), stderr: res.stderr }
  }

  test('a command reads and writes in-process through the same native routes, errors included', async () => {
    const promo = await cli('promo', 'create', '--reseller', String(reseller.id), '--product', 'domcno', '--action', 'addnewdomain', '--from', '2026-12-01', '--to', '2027-01-31',
      '--reseller-price-one', '7.99', '--reseller-price-two', '9.99', '--customer-price', '10.99', '--sub-reseller-price', '8.5')
    assert.equal(promo.code, 0, promo.stderr)
    const promos = await cli('promo', 'list', '--reseller', String(reseller.id))
    assert.deepEqual(promos.out.items.map((p) => [p.id, p.productKey, p.startsAt, p.customerPrice]), [[promo.out.id, 'domcno', '2026-12-01T00:00:00.000Z', '10.99']])
    assert.deepEqual((await cli('promo', 'delete', '999999')).out, { error: 'Promo not found' })
  })

  test('demo makes a tenant and prints what it made and what to try next', async () => {
    const res = await runCli(['demo'], env)
    assert.equal(res.code, 0, res.stderr)
    assert.match(res.stdout, /^Demo tenant created/)
    assert.match(res.stdout, /API key [A-Za-z0-9]{20}/)
    assert.match(res.stdout, /Try next/)
    assert.match(res.stdout, /curl -s http:\/\/localhost:8080\/api\/contacts -u 'demo-admin-[0-9a-f]{4}:/)
  })
})
