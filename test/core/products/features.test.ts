import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { checkFeature, effectiveFeatures } from '../../../src/core/products/features.ts'

// spec/porta.md §10 "service features": effective values after account → add-on → product overrides.

describe('service features', () => {
  test('the account overrides the add-ons, which override the main product; features are ordered by name', () => {
    const product = [{ name: 'voice_mail', enabled: false, attributes: { email: ['p@x'] } }, { name: 'clir', enabled: true, attributes: {} }]
    const addonLow = [{ name: 'voice_mail', enabled: true, attributes: {} }]
    const addonHigh = [{ name: 'voice_mail', enabled: true, attributes: { email: ['high@x'] } }]
    const account = [{ name: 'clir', enabled: false, attributes: {} }]
    assert.deepEqual(effectiveFeatures([product, addonLow, addonHigh, account]), [
      { name: 'clir', enabled: false, attributes: [] },
      { name: 'voice_mail', enabled: true, attributes: [{ name: 'email', id: 5, values: ['high@x'] }] },
    ])
  })

  test('an attribute not given by a higher layer keeps the lower layer\'s value', () => {
    const out = effectiveFeatures([[{ name: 'follow_me', enabled: true, attributes: { numbers: ['1', '2'] } }], [{ name: 'follow_me', enabled: false, attributes: {} }]])
    assert.deepEqual(out, [{ name: 'follow_me', enabled: false, attributes: [{ name: 'numbers', id: 4, values: ['1', '2'] }] }])
  })

  test('unknown features and attributes are refused naming the field', () => {
    assert.throws(() => checkFeature({ name: 'teleport', enabled: true, attributes: {} }), { field: 'feature' })
    assert.throws(() => checkFeature({ name: 'clir', enabled: true, attributes: { x: ['1'] } }), { field: 'attributes' })
  })
})
