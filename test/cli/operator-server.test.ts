import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { copyMigratedPgliteDataDir } from '../helpers/database.ts'
import { removeDir, runCliInProcess, startServer, tempDataDir, type ServerProcess } from './cli-process.ts'

// Issue 15 point 4: the operator commands (key, promo, gateway, numbers, customer, order) with
// --json, both ways a command reaches the database: directly (no server) and through a running server.

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown> & { items: Record<string, unknown>[]; total: number }

describe('operator commands through a running server (PGlite)', () => {
  let dataDir: string
  let server: ServerProcess
  let env: Record<string, string>
  let reseller: { id: number; apiKey: string }
  before(async () => {
    dataDir = tempDataDir()
    // The subject is the commands, not a first start on a new directory: a migrated database instead of initdb.
    await copyMigratedPgliteDataDir(dataDir)
    env = { DATA_DIR: dataDir }
    server = await startServer(env)
    reseller = JSON.parse((await runCliInProcess(['reseller', 'create', '--name', 'Operator Co', '--username', 'operatorco', '--json'], env)).stdout)
  })
  after(async () => {
    await server.stop()
    removeDir(dataDir)
  })
  const cli = async (...args: string[]) => {
    const res = await runCliInProcess([...args, '--json'], env)
    return { code: res.code, out: json(res.stdout), stderr: res.stderr }
  }

  test('reseller show, key create, revoke and list (never the secret)', async () => {
    const shown = await cli('reseller', 'show', String(reseller.id))
    assert.deepEqual([shown.code, shown.out.username, shown.out.enabled], [0, 'operatorco', true])
    const key = await cli('key', 'create', String(reseller.id), '--label', 'billing')
    assert.equal(key.code, 0, key.stderr)
    assert.match(String(key.out.apiKey), /^[A-Za-z0-9]{20}$/)
    assert.equal((await cli('key', 'revoke', String(reseller.id), String(key.out.id))).code, 0)
    const listed = await cli('key', 'list', String(reseller.id))
    const keys = listed.out.keys as { id: number; label: string; revokedAt: string | null }[]
    assert.ok(keys.some((k) => k.id === key.out.id && k.label === 'billing' && k.revokedAt !== null), JSON.stringify(keys))
    assert.ok(!JSON.stringify(listed.out).includes(String(key.out.apiKey)))
  })

  test('gateway create, list and delete', async () => {
    const gw = await cli('gateway', 'create', '--reseller', String(reseller.id), '--type', 'paypal', '--name', 'PayPal', '--url', 'https://pay.example.com/pp', '--payment', 'AddFund,Payment')
    assert.equal(gw.code, 0, gw.stderr)
    const listed = await cli('gateway', 'list', '--reseller', String(reseller.id))
    assert.deepEqual(listed.out.items.map((g) => [g.id, g.paymentTypes]), [[gw.out.id, ['AddFund', 'Payment']]])
    assert.equal((await cli('gateway', 'delete', String(gw.out.id))).code, 0)
  })

  test('numbers list and remove', async () => {
    assert.equal((await cli('numbers', 'add', '--region', 'Australia', '--type', '1300', '--count', '3', '--reseller', String(reseller.id))).code, 0)
    const free = await cli('numbers', 'list', '--region', 'AU', '--type', '1300', '--state', 'free', '--reseller', String(reseller.id))
    assert.equal(free.out.total, 3)
    assert.equal((await cli('numbers', 'remove', String(free.out.items[0]!.id))).code, 0)
  })

  test('errors name the field and the valid values', async () => {
    assert.deepEqual((await cli('customer', 'list', '--status', 'gone')).out, { error: '--status must be one of: active, suspended' })
    assert.deepEqual((await cli('key', 'list', 'abc')).out, { error: '<reseller> must be a positive integer' })
  })

  test('customers and orders: list, suspend, reactivate; order create, suspend, cancel', async () => {
    const q = new URLSearchParams({
      'auth-userid': String(reseller.id), 'api-key': reseller.apiKey, username: 'cli-customer@example.com', passwd: 'Secret123', name: 'Cli Customer', company: 'Cli Ltd',
      'address-line-1': '1 Main St', city: 'Springfield', state: 'Oregon', country: 'US', zipcode: '97477', 'phone-cc': '1', phone: '5415550100', 'lang-pref': 'en',
    })
    const customer = await (await fetch(`${server.url}/resellerclub/api/customers/signup.json?${q}`, { method: 'POST' })).text()
    const listed = await cli('customer', 'list', '--reseller', String(reseller.id))
    assert.deepEqual(listed.out.items.map((c) => [c.id, c.login, c.status]), [[Number(customer), 'cli-customer@example.com', 'active']])
    assert.equal((await cli('customer', 'suspend', customer)).out.status, 'suspended')
    assert.equal((await cli('customer', 'reactivate', customer)).out.status, 'active')
    const order = await cli('order', 'create', '--customer', customer, '--product', 'domcno')
    assert.equal(order.code, 0, order.stderr)
    assert.equal((await cli('order', 'suspend', String(order.out.id))).out.status, 'suspended')
    assert.deepEqual((await cli('order', 'list', '--customer', customer, '--status', 'suspended')).out.items.map((o) => o.id), [order.out.id])
    assert.equal((await cli('order', 'cancel', String(order.out.id))).code, 0)
  })

  test('campaign watch follows a running campaign to its end in plain lines when piped', async () => {
    const demo = JSON.parse((await runCliInProcess(['demo', '--json'], env)).stdout) as { campaign: { id: number } }
    // The demo's campaign is paced at 6 a minute: unpaced, its 5 contacts are done in moments.
    const paced = await fetch(`${server.url}/native/campaigns/${demo.campaign.id}/cpm`, {
      method: 'PUT', headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ cpm: 0 }),
    })
    assert.equal(paced.status, 200)
    const res = await runCliInProcess(['campaign', 'watch', String(demo.campaign.id), '--interval', '1'], env)
    assert.equal(res.code, 0, res.stderr)
    const lines = res.stdout.trim().split('\n')
    assert.equal(lines.at(-1), `campaign ${demo.campaign.id} completed: 5 of 5 contacts done`)
    assert.match(lines.at(-2)!, new RegExp(`^campaign ${demo.campaign.id}: 5/5 \\(100%\\) completed$`))
  })
})
