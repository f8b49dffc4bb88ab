import assert from 'node:assert/strict'
import { test } from 'node:test'
import { backorderPoolKey, PARTNER_DEFAULTS, partnerBackorder, readPartnerSettings } from '../../../src/core/resellers/index.ts'

test('defaults fill every setting; a deployment default (RESELLERCLUB_TOKEN_TTL_SECONDS) gives way to the partner\'s own', () => {
  assert.deepEqual(readPartnerSettings({}), PARTNER_DEFAULTS)
  assert.equal(readPartnerSettings({}, { 'resellerclub.tokenTtlSeconds': 300 })['resellerclub.tokenTtlSeconds'], 300)
  assert.equal(readPartnerSettings({ 'resellerclub.tokenTtlSeconds': 30 }, { 'resellerclub.tokenTtlSeconds': 300 })['resellerclub.tokenTtlSeconds'], 30)
})

test('settings stored before the module are read from their old places; a stored value its rule refuses is ignored', () => {
  const s = readPartnerSettings({
    sellingCurrency: 'INR', salesRepresentative: 'Ravi', delaconCallbackUrl: 'https://p.example/cb', packeteraReply: { format: 'json', delimiter: 'x1' },
    'delacon.pendingOrderTimeoutHours': -3, 'delacon.callbackRetryDelaysSeconds': [1, 2, 3],
  })
  assert.deepEqual([s['resellerclub.sellingCurrency'], s['resellerclub.salesRepresentative'], s['delacon.callbackUrl']], ['INR', 'Ravi', 'https://p.example/cb'])
  assert.deepEqual([s['packetera.responseFormat'], s['packetera.responseDelimiter']], ['json', '&'])
  assert.deepEqual([s['delacon.pendingOrderTimeoutHours'], s['delacon.callbackRetryDelaysSeconds']], [168, [60, 300]])
  // A URL stored with credentials (older rule) is not used.
  assert.equal(readPartnerSettings({ delaconCallbackUrl: 'https://u:p@p.example/' })['delacon.callbackUrl'], null)
})

test('back-order pools are named by any §7 region form and kept as <region code>/<type>', () => {
  assert.equal(backorderPoolKey('Australia/1300'), 'en-au/1300')
  assert.equal(backorderPoolKey('uk/020'), 'en-gb/020')
  assert.equal(backorderPoolKey('New+Zealand/09'), 'en-nz/09')
  assert.throws(() => backorderPoolKey('1300'), { kind: 'invalid', field: 'delacon.backorder' })
  assert.equal(partnerBackorder({ 'delacon.backorder': { 'en-au/1300': false } }, { code: 'en-au' }, '1300'), false)
  assert.equal(partnerBackorder({}, { code: 'en-au' }, '1300'), undefined)
})
