import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { providerSettingsProblem } from '../../src/dispatch/gateways.ts'

// No database: the registry's check of provider settings, which core answers 412 `settings` with.
describe('providerSettingsProblem: each gateway checks its own settings', () => {
  test('the sandbox gateway names what is wrong with its script, and accepts a good one', () => {
    assert.equal(providerSettingsProblem('sandbox', '{"default":{"outcome":"never"}}'), 'default.outcome must be success, fail, busy or no_answer')
    assert.equal(providerSettingsProblem('sandbox', '{'), 'is not JSON')
    assert.equal(providerSettingsProblem('sandbox', '{"rules":[{"match":"^\\\\+1","outcome":"busy"}]}'), null)
    assert.equal(providerSettingsProblem('sandbox', null), null)
  })

  test('the SMPP gateway refuses unknown keys and values of the wrong type or range, naming the key (spec/gateways.md §2)', () => {
    assert.equal(providerSettingsProblem('smpp', '{"window": 5, "tps": 50}'), null)
    assert.equal(providerSettingsProblem('smpp', '{"windw": 5}'), 'windw is not a known setting')
    assert.equal(providerSettingsProblem('smpp', '{"long_messages": "split"}'), 'long_messages must be udh, sar, payload')
    assert.equal(providerSettingsProblem('smpp', null), null)
  })

  test('types whose gateway takes no settings keep free text', () => {
    assert.equal(providerSettingsProblem('sip', 'anything goes'), null)
  })
})
