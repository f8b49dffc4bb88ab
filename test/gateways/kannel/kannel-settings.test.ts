import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SettingsError } from '../../../src/gateways/gateway.ts'
import { parseKannelSettings } from '../../../src/gateways/kannel/kannel-settings.ts'

test('Kannel settings default to spec/gateways.md §3: /cgi-bin/sendsms, no smsc, auto coding, dlr_mask 31, complete_on accept', () => {
  const s = parseKannelSettings(null)
  assert.deepEqual({ path: s.path, smsc: s.smsc, from: s.from, coding: s.coding, dlrMask: s.dlrMask, completeOn: s.completeOn, retryMax: s.retryMax }, {
    path: '/cgi-bin/sendsms', smsc: null, from: null, coding: 'auto', dlrMask: 31, completeOn: 'accept', retryMax: 3,
  })
})

test('Kannel settings refuse unknown keys and bad values, naming the key', () => {
  const reason = (text: string) => {
    try {
      parseKannelSettings(text)
    } catch (e) {
      assert.ok(e instanceof SettingsError)
      return e.reason
    }
    assert.fail(`accepted ${text}`)
  }
  assert.match(reason('{"dlr_url":"x"}'), /^dlr_url /)
  assert.match(reason('{"dlr_mask":32}'), /^dlr_mask /)
  assert.match(reason('{"coding":"latin1"}'), /^coding /)
  assert.match(reason('{"path":"cgi-bin"}'), /^path /)
})
