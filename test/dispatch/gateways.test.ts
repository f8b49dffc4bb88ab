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

  test('types whose gateway takes no settings keep free text', () => {
    assert.equal(providerSettingsProblem('sip', 'anything goes'), null)
  })
})
