import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { copyMigratedPgliteDataDir } from '../helpers/database.ts'
import { removeDir, runCliInProcess, tempDataDir } from './cli-process.ts'

// Issue 15 point 4: the operator commands (key, promo, gateway, numbers, customer, order) with
// --json, both ways a command reaches the database: directly (no server) and through a running server.

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown> & { items: Record<string, unknown>[]; total: number }

describe('operator commands without a running server (PGlite)', () => {
  let dataDir: string
  let env: Record<string, string>
  let reseller: { id: number; apiKey: string }
  before(async () => {
    dataDir = tempDataDir()
    // The subject is the commands, not a first start on a new directory: a migrated database instead of initdb.
    await copyMigratedPgliteDataDir(dataDir)
    env = { DATA_DIR: dataDir }
    const res = await runCliInProcess(['reseller', 'create', '--name', 'Operator Co', '--username', 'operatorco', '--json'], env)
    reseller = JSON.parse(res.stdout)
  })
  after(() => removeDir(dataDir))
  const cli = async (...args: string[]) => {
    const res = await runCliInProcess([...args, '--json'], env)
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
    const res = await runCliInProcess(['demo'], env)
    assert.equal(res.code, 0, res.stderr)
    assert.match(res.stdout, /^Demo tenant created/)
    assert.match(res.stdout, /API key [A-Za-z0-9]{20}/)
    assert.match(res.stdout, /Try next/)
    assert.match(res.stdout, /curl -s http:\/\/localhost:8080\/api\/contacts -u 'demo-admin-[0-9a-f]{4}:/)
  })

  test('contacts import reads a CSV into a user\'s group, showing how much of the file is read, and reports refused lines', async () => {
    const demo = JSON.parse((await runCliInProcess(['demo', '--json'], env)).stdout) as { groupId: number; user: { username: string } }
    const file = join(dataDir, 'contacts.csv')
    const csv = 'phone,first_name,last_name\n+61291000101,Ada,Byron\n12ab,Bad,Number\n+61291000102,Alan,Mathison\n'
    writeFileSync(file, csv)
    const res = await runCliInProcess(['contacts', 'import', '--group', String(demo.groupId), '--file', file], env)
    assert.equal(res.code, 0, res.stderr)
    assert.match(res.stdout, /^2 contacts imported into group \d+ \(3 records, 1 refused\)\n {2}line 3: phone_invalid/)
    // Piped, the progress is plain lines on stderr ending at the whole file.
    assert.match(res.stderr, new RegExp(`^bytes read: ${csv.length}/${csv.length} \\(100%\\)$`, 'm'))
    const other = await cli('contacts', 'import', '--group', '999999', '--file', file)
    assert.deepEqual(other.out, { error: 'Group not found' })
  })

  test('campaign watch --once prints a campaign\'s progress; numbers add shows its chunks as progress lines', async () => {
    const demo = JSON.parse((await runCliInProcess(['demo', '--json'], env)).stdout) as { campaign: { id: number } }
    const watched = await cli('campaign', 'watch', String(demo.campaign.id), '--once')
    assert.equal(watched.code, 0, watched.stderr)
    assert.equal(watched.out.id, demo.campaign.id)
    assert.ok(['new', 'running'].includes(String(watched.out.status)), JSON.stringify(watched.out))
    assert.deepEqual((await cli('campaign', 'watch', 'x')).out, { error: '<id> must be a positive integer' })
    const added = await runCliInProcess(['numbers', 'add', '--region', 'Australia', '--type', '1800', '--count', '2500'], env)
    assert.equal(added.code, 0, added.stderr)
    assert.equal(added.stdout, '2500 1800 numbers added for Australia\n')
    assert.deepEqual(added.stderr.trim().split('\n'), ['numbers added: 1,000/2,500 (40%)', 'numbers added: 2,000/2,500 (80%)', 'numbers added: 2,500/2,500 (100%)'])
  })
})
