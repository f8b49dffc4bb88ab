import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { RcParams } from '../../../src/dialects/resellerclub/params.ts'
import { MODIFY_RULES, SIGNUP_RULES, validate } from '../../../src/dialects/resellerclub/validation.ts'
import { customersGenerateLoginToken } from '../../../src/dialects/resellerclub/operations/customers-generate-login-token.ts'
import { customersSearch } from '../../../src/dialects/resellerclub/operations/customers-search.ts'
import { mailActivate } from '../../../src/dialects/resellerclub/operations/mail-activate.ts'
import { pgAllowedlistForCustomer } from '../../../src/dialects/resellerclub/operations/pg-allowedlist-for-customer.ts'
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

  test('every limit of §6 holds at its edge: the last valid value passes, the next one fails', () => {
    const edges: [Params, Params, string][] = [
      [{ username: `${'a'.repeat(116)}@example.com` }, { username: `${'a'.repeat(117)}@example.com` }, 'username'],
      [{ passwd: 'abcdefg1' }, { passwd: 'abcdef1' }, 'passwd'],
      [{ passwd: 'abcdefghijklmno1' }, { passwd: 'abcdefghijklmnop1' }, 'passwd'],
      [{ passwd: '!~#$%^&*()_+{}a1' }, { passwd: '!~#$%^&*()_+{}a\u00a01' }, 'passwd'],
      [{ name: 'x'.repeat(255) }, { name: 'x'.repeat(256) }, 'name'],
      [{ company: '€'.repeat(255) }, { company: '€'.repeat(256) }, 'company'],
      [{ 'address-line-1': 'a'.repeat(255) }, { 'address-line-1': 'a'.repeat(256) }, 'address-line-1'],
      [{ city: 'c'.repeat(255) }, { city: 'c'.repeat(256) }, 'city'],
      [{ state: 's'.repeat(255) }, { state: 's'.repeat(256) }, 'state'],
      [{ zipcode: 'A1 B2-C3 D4 E5-F' }, { zipcode: 'A1 B2-C3 D4 E5-F6' }, 'zipcode'],
      [{ 'phone-cc': '999' }, { 'phone-cc': '9999' }, 'phone-cc'],
      [{ 'phone-cc': '1' }, { 'phone-cc': 'a' }, 'phone-cc'],
      [{ phone: '1234' }, { phone: '123' }, 'phone'],
      [{ phone: '123456789012' }, { phone: '1234567890123' }, 'phone'],
      [{ 'vat-id': 'v'.repeat(32) }, { 'vat-id': 'v'.repeat(33) }, 'vat-id'],
      [{ 'marketing-email-consent': 'FaLsE' }, { 'marketing-email-consent': '0' }, 'marketing-email-consent'],
    ]
    for (const [ok, bad, field] of edges) {
      assert.equal(messageOf(SIGNUP_RULES, signupParams(ok)), null, JSON.stringify(ok))
      const reason = field === 'passwd' ? 'must be 8-16 printable ASCII characters with at least one letter and one digit' : 'is invalid'
      assert.equal(messageOf(SIGNUP_RULES, signupParams(bad)), `{${field}=${field} ${reason}}`, JSON.stringify(bad))
    }
  })

  test('the search, id, ip and payment-type limits of §6', () => {
    const rules = (name: string) => [...customersSearch.serve.params, ...pgAllowedlistForCustomer.serve.params, ...customersGenerateLoginToken.serve.params, ...mailActivate.serve.params].filter((r) => r.name === name)
    const check = (name: string, value: string) => messageOf(rules(name).slice(0, 1), { [name]: value })
    for (const v of ['10', '500', '0100']) assert.equal(check('no-of-records', v), null, v)
    for (const v of ['9', '501', '-10', '10.0', 'ten']) assert.equal(check('no-of-records', v), '{no-of-records=no-of-records is invalid}', v)
    for (const name of ['page-no', 'customer-id', 'order-id']) {
      for (const v of ['1', '2147483647', '99999999999']) assert.equal(check(name, v), null, `${name} ${v}`)
      for (const v of ['0', '000', '-1', '1.5', '1e3']) assert.notEqual(check(name, v), null, `${name} ${v}`)
    }
    for (const v of ['10.0.0.1', '::1', '2001:db8::8a2e:370:7334']) assert.equal(check('ip', v), null, v)
    for (const v of ['10.0.0.256', 'localhost', '1.2.3', '10.0.0.1/24']) assert.equal(check('ip', v), '{ip=ip is invalid}', v)
    for (const v of ['AddFund', 'addfund', 'PAYMENT']) assert.equal(check('payment-type', v), null, v)
    for (const v of ['Add Fund', 'Refund']) assert.equal(check('payment-type', v), '{payment-type=payment-type is invalid}', v)
    for (const v of ['Active', 'suspended']) assert.equal(check('status', v), null, v)
    assert.equal(check('status', 'Deleted'), '{status=status is invalid}')
    for (const v of ['0', '1796631000', '1796631000.0', '1796631000.25']) assert.equal(check('creation-date-start', v), null, v)
    for (const v of ['-1', '1e9', '.5', '1796631000.']) assert.equal(check('creation-date-start', v), '{creation-date-start=creation-date-start is invalid}', v)
    for (const v of ['0', '125.5', '10.000']) assert.equal(check('total-receipt-end', v), null, v)
    assert.equal(check('total-receipt-end', '-1'), '{total-receipt-end=total-receipt-end is invalid}')
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
