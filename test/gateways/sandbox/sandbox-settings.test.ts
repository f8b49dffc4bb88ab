import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { SettingsError } from '../../../src/gateways/gateway.ts'
import { parseSandboxSettings } from '../../../src/gateways/sandbox/sandbox-settings.ts'

describe('sandbox provider settings, spec §5.12', () => {
  test('empty settings mean the default script (every send succeeds)', () => {
    assert.deepEqual(parseSandboxSettings(null), {})
    assert.deepEqual(parseSandboxSettings(''), {})
    assert.deepEqual(parseSandboxSettings('{}'), {})
  })

  test('a full script parses with every outcome key', () => {
    const s = { default: { outcome: 'no_answer', cause: 'NO_ANSWER', delay_ms: 250 }, rules: [{ match: '@fail\\.test$', outcome: 'fail', fail_first: 2, dtmf: '1*#', pages: 4 }] }
    assert.deepEqual(parseSandboxSettings(JSON.stringify(s)), s)
  })

  test('every malformed script is a SettingsError', () => {
    for (const bad of ['{', '"x"', 'null', '{"default":[]}', '{"default":{"outcome":"ok"}}', '{"rules":[{"match":"[a"}]}', '{"rules":[{"match":1}]}',
      '{"default":{"delay_ms":3600001}}', '{"default":{"fail_first":"1"}}', '{"default":{"dtmf":"x"}}']) {
      assert.throws(() => parseSandboxSettings(bad), (e: unknown) => e instanceof SettingsError && e.reason.length > 0, bad)
    }
  })
})
