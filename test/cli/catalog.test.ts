import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { copyMigratedPgliteDataDir } from '../helpers/database.ts'
import { removeDir, runCliInProcess, startServer, tempDataDir, type ServerProcess } from './cli-process.ts'

// Issue 16 point 1: the catalogue commands (product group, subscription, product feature, account,
// huntgroup) go through the native API of a running server, and Porta reads what they made.

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

// The server is a process of its own (it holds DATA_DIR); the commands run in this process and reach
// it as a command process would, through the lock file's URL and admin token.
describe('catalogue commands through a running server (PGlite)', () => {
  let dataDir: string
  let server: ServerProcess
  let env: Record<string, string>
  let reseller: { id: number; apiKey: string }
  let customer: string
  before(async () => {
    dataDir = tempDataDir()
    // The subject is the commands, not a first start on a new directory: a migrated database instead of initdb.
    await copyMigratedPgliteDataDir(dataDir)
    env = { DATA_DIR: dataDir }
    server = await startServer(env)
    reseller = JSON.parse((await runCliInProcess(['reseller', 'create', '--name', 'Catalogue Co', '--username', 'catalogueco', '--json'], env)).stdout)
    const q = new URLSearchParams({
      'auth-userid': String(reseller.id), 'api-key': reseller.apiKey, username: 'cat-customer@example.com', passwd: 'Secret123', name: 'Cat Customer', company: 'Cat Ltd',
      'address-line-1': '1 Road', city: 'Leeds', state: 'Yorks', country: 'GB', zipcode: 'LS1', 'phone-cc': '44', phone: '1132000000', 'lang-pref': 'en',
    })
    customer = await (await fetch(`${server.url}/resellerclub/api/customers/signup.json?${q}`, { method: 'POST' })).text()
    assert.match(customer, /^[0-9]+$/, customer)
  })
  after(async () => {
    await server.stop()
    removeDir(dataDir)
  })
  const cli = async (...args: string[]) => {
    const res = await runCliInProcess([...args, '--json'], env)
    const out = JSON.parse(res.stdout) as Json
    return { code: res.code, out, stderr: res.stderr }
  }
  const ok = async (...args: string[]) => {
    const res = await cli(...args)
    assert.equal(res.code, 0, `${args.join(' ')}: ${JSON.stringify(res.out)} ${res.stderr}`)
    return res.out
  }
  const r = () => String(reseller.id)

  test('a product group and a subscription plan are created and listed; a product bundles them and sets a feature', async () => {
    const group = await ok('product', 'group', 'create', '--reseller', r(), '--name', 'Voice')
    assert.deepEqual((await ok('product', 'group', 'list', '--reseller', r())).items.map((g: Json) => g.name), ['Voice'])
    const plan = await ok('subscription', 'create', '--reseller', r(), '--name', 'Monthly', '--fee', '5.50')
    assert.equal((await ok('subscription', 'list', '--reseller', r())).items[0].fee, '5.5')
    const gold = await ok('product', 'create', '--reseller', r(), '--kind', 'main', '--name', 'Gold', '--currency', 'GBP', '--group', String(group.id), '--subscription', String(plan.id))
    assert.deepEqual([gold.groupId, gold.subscriptionId], [group.id, plan.id])
    const vm = await ok('product', 'feature', String(gold.id), 'voice_mail', '--set', 'email=vm@example.com')
    assert.deepEqual(vm.features, [{ name: 'voice_mail', enabled: true, attributes: { email: ['vm@example.com'] } }])
    assert.equal((await ok('product', 'features', String(gold.id))).features.length, 1)
  })

  test('an account is created with its product and billing, then given a balance and a subscription', async () => {
    const plan = await ok('subscription', 'create', '--reseller', r(), '--name', 'Yearly', '--fee', '50')
    const silver = await ok('product', 'create', '--reseller', r(), '--kind', 'main', '--name', 'Silver', '--currency', 'GBP')
    const a = await ok('account', 'create', '--customer', customer, '--kind', 'sip', '--login', 'bill.sip', '--secret', 'sip-secret-9', '--product', String(silver.id),
      '--billing', 'postpaid', '--currency', 'GBP', '--credit-limit', '100', '--extension', '205')
    assert.deepEqual([a.kind, a.productId, a.billingModel, a.creditLimit, a.extensionNumber], ['sip', silver.id, 'postpaid', '100', '205'])
    const changed = await ok('account', 'update', String(a.id), '--balance', '12.5', '--subscription', String(plan.id), '--from', '2026-12-01T00:00:00Z')
    assert.deepEqual([changed.balance, changed.subscription.planId, changed.subscription.from], ['12.5', plan.id, '2026-12-01T00:00:00.000Z'])
    assert.equal((await ok('account', 'show', String(a.id))).subscription.planId, plan.id)
  })

  test('an account gets an add-on for a period, a feature and a device, and Porta shows them with its product\'s feature', async () => {
    const gold = await ok('product', 'create', '--reseller', r(), '--kind', 'main', '--name', 'Platinum', '--currency', 'GBP')
    const intl = await ok('product', 'create', '--reseller', r(), '--kind', 'addon', '--name', 'Intl', '--currency', 'GBP', '--priority', '1')
    await ok('product', 'feature', String(gold.id), 'voice_mail', '--set', 'email=vm@example.com')
    const a = await ok('account', 'create', '--customer', customer, '--kind', 'sip', '--login', 'cat.sip', '--product', String(gold.id), '--extension', '201')
    const g = await ok('account', 'addon', String(a.id), '--addon', String(intl.id), '--from', '2026-01-01T00:00:00Z')
    assert.equal((await ok('account', 'addon-end', String(a.id), String(g.id), '--at', '2030-01-01T00:00:00Z')).to, '2030-01-01T00:00:00.000Z')
    await ok('account', 'feature', String(a.id), 'call_forwarding', '--set', 'forward_to=441632960001')
    assert.deepEqual((await ok('account', 'features', String(a.id))).effective.map((f: Json) => f.name), ['call_forwarding', 'voice_mail'])
    assert.equal((await ok('account', 'device', String(a.id), '--model', '3')).device.modelId, 3)

    const info = await (await fetch(`${server.url}/porta/GetAccountInfoByIAccount/${reseller.apiKey}/${a.id}`)).json() as Json
    const p = info.AccountInfo
    assert.deepEqual([p.IProduct, p.UMEnabled, p.redirect_number, p.ExtensionNumber, p.i_ua_type], [gold.id, 'Y', '441632960001', '201', 3])
    assert.deepEqual(p.ActiveAddons.map((x: Json) => [x.IAccountProductAddOn, x.IAddonProduct]), [[g.id, intl.id]])
  })

  test('a DID takes a number of the inventory; an account is blocked, unblocked and closed, and then gone from lists and Porta', async () => {
    await ok('numbers', 'add', '--region', 'Australia', '--type', '1300', '--count', '1', '--reseller', r())
    const number = (await ok('numbers', 'list', '--state', 'free', '--reseller', r())).items[0].number as string
    const did = await ok('account', 'create', '--customer', customer, '--kind', 'did', '--login', number)
    assert.deepEqual([did.kind, did.login], ['did', number])
    const a = await ok('account', 'create', '--customer', customer, '--kind', 'sip', '--login', 'soon.gone')
    assert.equal((await ok('account', 'block', String(a.id))).blocked, true)
    assert.equal((await ok('account', 'unblock', String(a.id))).blocked, false)
    assert.ok((await ok('account', 'close', String(a.id))).closedAt)
    const listed = await ok('account', 'list', '--customer', customer)
    assert.ok(listed.items.some((x: Json) => x.id === did.id) && !listed.items.some((x: Json) => x.id === a.id), JSON.stringify(listed))
    assert.equal((await fetch(`${server.url}/porta/GetAccountInfoByIAccount/${reseller.apiKey}/${a.id}`)).status, 404)
  })

  test('a hunt group gets members in hunt order and new settings, loses one, and Porta shows it on its member', async () => {
    const a1 = await ok('account', 'create', '--customer', customer, '--kind', 'sip', '--login', 'hunt.one', '--extension', '301')
    const a2 = await ok('account', 'create', '--customer', customer, '--kind', 'sip', '--login', 'hunt.two', '--extension', '302')
    const g = await ok('huntgroup', 'create', '--customer', customer, '--name', 'Sales', '--number', '300', '--sequence', 'Simultaneous', '--pickup', 'yes')
    await ok('huntgroup', 'add', String(g.id), '--account', String(a1.id), '--timeout', '20', '--primary', 'yes')
    const two = await ok('huntgroup', 'add', String(g.id), '--account', String(a2.id))
    assert.deepEqual(two.members.map((m: Json) => [m.accountId, m.huntOrder]), [[a1.id, 1], [a2.id, 2]])
    assert.equal((await ok('huntgroup', 'update', String(g.id), '--sequence', 'Least Used')).sequence, 'Least Used')
    const info = await (await fetch(`${server.url}/porta/GetAccountInfoByIAccount/${reseller.apiKey}/${a1.id}`)).json() as Json
    assert.deepEqual(info.AccountInfo.HGInfo.map((h: Json) => [h.i_c_group, h.hunt_sequence, h.pickup_allowed]), [[g.id, 'Least Used', 'Y']])
    assert.equal(info.AccountInfo.i_c_group, g.id)
    const removed = await ok('huntgroup', 'remove', String(g.id), String(two.members[0].id))
    assert.deepEqual(removed.members.map((m: Json) => [m.accountId, m.huntOrder]), [[a2.id, 1]])
    assert.equal((await ok('huntgroup', 'list', '--customer', customer)).total, 1)
  })

  test('bad options are refused before any request; unknown subjects are not found', async () => {
    assert.deepEqual((await cli('account', 'create', '--customer', customer, '--kind', 'fax', '--login', 'x')).out, { error: '--kind must be one of: sip, did, alias, voucher' })
    assert.deepEqual((await cli('huntgroup', 'update', '1', '--active', 'maybe')).out, { error: '--active must be yes or no' })
    assert.deepEqual((await cli('product', 'feature', '1', 'clir', '--set', 'novalue')).out, { error: '--set must be ATTR=VALUE' })
    assert.deepEqual((await cli('account', 'show', '999999')).out, { error: 'Account not found' })
    assert.deepEqual((await cli('huntgroup', 'show', '999999')).out, { error: 'Hunt group not found' })
  })
})
