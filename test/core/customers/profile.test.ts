import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { countryCodeOf, countryNameOf } from '../../../src/core/customers/country-names.ts'
import { joinPhone, splitPhone } from '../../../src/core/customers/phone-numbers.ts'
import { completeProfile, profilePatch } from '../../../src/core/customers/profile.ts'
import type { Customer } from '../../../src/core/customers/index.ts'

describe('the one customer profile (issue 12 point 1)', () => {
  test('a country is stored as its ISO code whether given as a code or an English name', () => {
    assert.equal(countryCodeOf('ca'), 'CA')
    assert.equal(countryCodeOf('CANADA'), 'CA')
    assert.equal(countryCodeOf('United Kingdom'), 'GB')
    assert.equal(countryCodeOf('UK'), 'GB')
    assert.equal(countryCodeOf("cote d'ivoire"), 'CI')
    assert.equal(countryCodeOf('British Columbia'), null)
    assert.equal(countryNameOf('AU'), 'Australia')
  })

  test('a new profile gets names from each other, the country code with the text as given, and a 4-digit PIN', () => {
    const a = completeProfile({ name: 'Jane Q. Doe', country: 'Canada' })
    assert.deepEqual([a.firstName, a.lastName, a.country, a.countryName], ['Jane', 'Q. Doe', 'CA', 'Canada'])
    assert.ok(Number.isInteger(a.pin) && a.pin! >= 1000 && a.pin! <= 9999)
    const b = completeProfile({ firstName: 'Ann', lastName: 'Lee', country: 'au' })
    assert.deepEqual([b.name, b.country, b.countryName], ['Ann Lee', 'AU', null])
    const c = completeProfile({ name: 'Solo', country: 'Middle Earth' })
    assert.deepEqual([c.firstName, c.lastName, c.country, c.countryName], ['Solo', null, null, 'Middle Earth'])
  })

  test('a profile needs a name and rejects control characters, bad languages and bad PINs naming the field', () => {
    assert.throws(() => completeProfile({}), { kind: 'invalid', field: 'name', code: 'required' })
    assert.throws(() => completeProfile({ name: 'A', city: 'Ba\u0000d' }), { kind: 'invalid', field: 'city' })
    assert.throws(() => completeProfile({ name: 'A', langPref: 'xx' }), { kind: 'invalid', field: 'langPref' })
    assert.throws(() => completeProfile({ name: 'A', pin: 12 }), { kind: 'invalid', field: 'pin' })
  })

  test('a change keeps name and first/last names consistent with the stored row', () => {
    const current = { firstName: 'Bo', lastName: 'Ng', name: 'Bo Ng' } as Customer
    assert.equal(profilePatch(current, { firstName: 'Bob' }).name, 'Bob Ng')
    assert.deepEqual(profilePatch(current, { name: 'Annabel Leeds' }), { name: 'Annabel Leeds', firstName: 'Annabel', lastName: 'Leeds' })
    assert.throws(() => profilePatch(current, { name: '' }), { kind: 'invalid', field: 'name' })
  })

  test('an international phone splits into calling code and number; a number without + is kept whole', () => {
    assert.deepEqual(splitPhone('+61291234567'), { phoneCc: '61', phone: '291234567' })
    assert.deepEqual(splitPhone('+14155550100'), { phoneCc: '1', phone: '4155550100' })
    assert.deepEqual(splitPhone('5550100200'), { phoneCc: null, phone: '5550100200' })
    assert.equal(joinPhone('61', '291234567'), '+61291234567')
    assert.equal(joinPhone(null, '5550100200'), '5550100200')
    assert.equal(joinPhone('1', null), null)
  })
})
