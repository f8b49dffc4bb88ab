import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { SettingsError } from '../../../src/gateways/gateway.ts'
import { parseSmppSettings } from '../../../src/gateways/smpp/smpp-settings.ts'

describe('SMPP provider settings, spec/gateways.md §2', () => {
  test('empty settings are every default of §1 and §2', () => {
    assert.deepEqual(parseSmppSettings(''), {
      tps: 0, completeOn: 'accept', dlrTimeoutMs: 172_800_000, retryMax: 3, retryBackoffMs: 1000,
      systemType: '', bind: 'transceiver', sessions: 1, window: 10, enquireLinkMs: 30_000, reconnectMaxMs: 60_000, sourceAddr: null, sourceTon: null,
      sourceNpi: null, destTon: 1, destNpi: 1, dataCoding: 'auto', longMessages: 'udh', registeredDelivery: 1, tls: false,
    })
  })

  test('given values are kept', () => {
    const s = parseSmppSettings(JSON.stringify({ bind: 'transmitter_receiver', sessions: 2, window: 50, tps: 100, complete_on: 'delivery', dlr_timeout_s: 60, data_coding: 'ucs2', long_messages: 'sar', source_addr: 'Shop', source_ton: 5, source_npi: 0, tls: true }))
    assert.equal(s.bind, 'transmitter_receiver')
    assert.equal(s.window, 50)
    assert.equal(s.dlrTimeoutMs, 60_000)
    assert.equal(s.completeOn, 'delivery')
    assert.equal(s.sourceTon, 5)
    assert.equal(s.tls, true)
  })

  test('an unknown key, a wrong type or a value out of range is a SettingsError naming the key', () => {
    const reason = (text: string) => {
      try {
        parseSmppSettings(text)
      } catch (e) {
        assert.ok(e instanceof SettingsError)
        return e.reason
      }
      assert.fail(`accepted ${text}`)
    }
    assert.equal(reason('{"windows": 5}'), 'windows is not a known setting')
    assert.equal(reason('{"window": 0}'), 'window must be an integer 1-1000')
    assert.equal(reason('{"window": "10"}'), 'window must be an integer 1-1000')
    assert.equal(reason('{"bind": "receiver"}'), 'bind must be transceiver, transmitter_receiver')
    assert.equal(reason('{"tls": "yes"}'), 'tls must be true or false')
    assert.equal(reason('{"complete_on": "never"}'), 'complete_on must be accept, delivery')
    assert.equal(reason('{"tps": -1}'), 'tps must be a number 0-1000000')
    assert.equal(reason('{"system_type": "much too long"}'), 'system_type must be a string of at most 12 characters')
    assert.equal(reason('[1]'), 'must be a JSON object')
    assert.equal(reason('{'), 'is not JSON')
  })
})
