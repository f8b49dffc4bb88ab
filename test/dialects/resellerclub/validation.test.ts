import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { RcParams } from '../../../src/dialects/resellerclub/params.ts'
import { MODIFY_RULES, SIGNUP_RULES, validate } from '../../../src/dialects/resellerclub/validation.ts'
import { form, signupParams, type Params } from './rc-client.ts'

function messageOf(rules: typeof SIGNUP_RULES, params: Params): string | null {
  try {
    validate(RcParams.from(form(params), null), rules)
    return null
  } catch (e) {
    return (e as Error).message
  }
}

describe('resellerclub parameter validation', () => {
  test('valid signup parameters pass', () => {
    assert.equal(messageOf(SIGNUP_RULES, signupParams()), null)
  })

  test('every failure is reported in one Java-map message, in the order of the call\'s parameter list', () => {
    assert.equal(messageOf(SIGNUP_RULES, {}),
      '{username=username is required, passwd=passwd is required, name=name is required, company=company is required, ' +
      'address-line-1=address-line-1 is required, city=city is required, state=state is required, country=country is required, ' +
      'zipcode=zipcode is required, phone-cc=phone-cc is required, phone=phone is required, lang-pref=lang-pref is required}')
    assert.equal(messageOf(SIGNUP_RULES, signupParams({ name: '', country: 'XX' })), '{name=name is required, country=country is invalid}')
  })

  test('each value rule of the spec is applied', () => {
    const cases: [Params, string][] = [
      [{ username: 'no-at-sign' }, '{username=username is invalid}'],
      [{ username: 'a b@example.com' }, '{username=username is invalid}'],
      [{ username: 'a@localhost' }, '{username=username is invalid}'],
      [{ username: `${'a'.repeat(120)}@example.com` }, '{username=username is invalid}'],
      [{ passwd: 'abcdefgh' }, '{passwd=passwd must be 8-16 printable ASCII characters with at least one letter and one digit}'],
      [{ passwd: '12345678' }, '{passwd=passwd must be 8-16 printable ASCII characters with at least one letter and one digit}'],
      [{ passwd: 'abc 12345' }, '{passwd=passwd must be 8-16 printable ASCII characters with at least one letter and one digit}'],
      [{ passwd: 'abc1234' }, '{passwd=passwd must be 8-16 printable ASCII characters with at least one letter and one digit}'],
      [{ passwd: 'abcdefgh123456789' }, '{passwd=passwd must be 8-16 printable ASCII characters with at least one letter and one digit}'],
      [{ passwd: 'pässword1' }, '{passwd=passwd must be 8-16 printable ASCII characters with at least one letter and one digit}'],
      [{ name: 'x'.repeat(256) }, '{name=name is invalid}'],
      [{ company: 'bad\u0007bell' }, '{company=company is invalid}'],
      [{ zipcode: 'AB_12' }, '{zipcode=zipcode is invalid}'],
      [{ zipcode: '12345678901234567' }, '{zipcode=zipcode is invalid}'],
      [{ country: 'UK' }, '{country=country is invalid}'],
      [{ country: 'USA' }, '{country=country is invalid}'],
      [{ 'lang-pref': 'xx' }, '{lang-pref=lang-pref is invalid}'],
      [{ 'lang-pref': 'eng' }, '{lang-pref=lang-pref is invalid}'],
      [{ 'phone-cc': '1234' }, '{phone-cc=phone-cc is invalid}'],
      [{ phone: '123' }, '{phone=phone is invalid}'],
      [{ phone: '1234567890123' }, '{phone=phone is invalid}'],
      [{ 'vat-id': 'x'.repeat(33) }, '{vat-id=vat-id is invalid}'],
      [{ 'sms-consent': 'yes' }, '{sms-consent=sms-consent is invalid}'],
    ]
    for (const [overrides, message] of cases) assert.equal(messageOf(SIGNUP_RULES, signupParams(overrides)), message, JSON.stringify(overrides))
  })

  test('country and language codes are case-insensitive; booleans take any case', () => {
    assert.equal(messageOf(SIGNUP_RULES, signupParams({ country: 'gb', 'lang-pref': 'FR', 'sms-consent': 'True', 'accept-policy': 'FALSE' })), null)
    assert.equal(messageOf(SIGNUP_RULES, signupParams({ country: 'Ax', 'lang-pref': 'Zu' })), null)
  })

  test('other-state is required when state is Not Applicable', () => {
    assert.equal(messageOf(SIGNUP_RULES, signupParams({ state: 'not applicable' })), '{other-state=other-state is required}')
    assert.equal(messageOf(SIGNUP_RULES, signupParams({ state: 'Not Applicable', 'other-state': 'Region' })), null)
  })

  test('phone pairs are both or neither; the missing one is reported as required', () => {
    assert.equal(messageOf(SIGNUP_RULES, signupParams({ 'alt-phone': '12345678' })), '{alt-phone-cc=alt-phone-cc is required}')
    assert.equal(messageOf(SIGNUP_RULES, signupParams({ 'fax-cc': 'x', 'mobile-cc': '44' })),
      '{fax-cc=fax-cc is invalid, fax=fax is required, mobile=mobile is required}')
    assert.equal(messageOf(SIGNUP_RULES, signupParams({ 'mobile-cc': '44', mobile: '7700900123' })), null)
  })

  test('modify requires customer-id and signup\'s required set without passwd', () => {
    const p = signupParams()
    delete p.passwd
    assert.equal(messageOf(MODIFY_RULES, { ...p, 'customer-id': '5' }), null)
    assert.equal(messageOf(MODIFY_RULES, { ...p }), '{customer-id=customer-id is required}')
  })

  test('passwords are not trimmed, other values are', () => {
    assert.equal(messageOf(SIGNUP_RULES, signupParams({ name: '  Jane  ', country: ' us ' })), null)
    assert.match(messageOf(SIGNUP_RULES, signupParams({ passwd: ' secret123' }))!, /^\{passwd=passwd must be/)
  })
})

describe('resellerclub parameter sources', () => {
  test('the query comes before the body, aliases merge, the first value of a scalar wins', () => {
    const p = RcParams.from('a=1&b[]=x&b[3]=y', 'a=2&b=z&c=%E2%82%AC+sign')
    assert.equal(p.get('a'), '1')
    assert.deepEqual(p.all('b'), ['x', 'y', 'z'])
    assert.equal(p.get('c'), '€ sign')
    assert.equal(p.get('missing'), undefined)
  })

  test('an empty value is no value but is known to have been sent', () => {
    const p = RcParams.from('a=&b=%20', null)
    assert.equal(p.get('a'), undefined)
    assert.equal(p.has('b'), false)
    assert.equal(p.sent('a'), true)
    assert.equal(p.sent('z'), false)
  })
})
