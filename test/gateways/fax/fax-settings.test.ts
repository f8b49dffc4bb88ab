import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SettingsError } from '../../../src/gateways/gateway.ts'
import { isFaxProvider, parseFaxSettings } from '../../../src/gateways/fax/fax-settings.ts'
import { providerSettingsProblem } from '../../../src/dispatch/index.ts'

test('an http provider is a fax provider only with fax: true; its settings default to spec/gateways.md §5', () => {
  assert.equal(isFaxProvider('{"fax":true}'), true)
  assert.equal(isFaxProvider('{"fax":false}'), false)
  assert.equal(isFaxProvider(null), false)
  const s = parseFaxSettings('{"fax":true}')
  assert.deepEqual({ apiBase: s.apiBase, media: s.media, quality: s.quality, retryMax: s.retryMax }, { apiBase: null, media: 'url', quality: 'high', retryMax: 3 })
})

test('http provider settings are read as Kannel\'s or the fax provider\'s, unknown keys and bad values refused naming the key', () => {
  assert.equal(providerSettingsProblem('http', '{"fax":true,"webhook_secret":"s"}'), null)
  assert.match(providerSettingsProblem('http', '{"fax":true,"dlr_mask":1}') ?? '', /^dlr_mask /)
  assert.match(providerSettingsProblem('http', '{"fax":true,"api_base":"ftp://x"}') ?? '', /^api_base /)
  assert.match(providerSettingsProblem('http', '{"webhook_secret":"s"}') ?? '', /^webhook_secret /)
  assert.throws(() => parseFaxSettings('{"fax":true,"media":"ftp"}'), (e) => e instanceof SettingsError && e.reason === 'media must be url, upload')
})

test('media: upload is accepted (issue 18: the TIFF stored through the provider\'s Media Storage API)', () => {
  assert.equal(parseFaxSettings('{"fax":true,"media":"upload"}').media, 'upload')
  assert.equal(providerSettingsProblem('http', '{"fax":true,"media":"upload"}'), null)
  assert.equal(providerSettingsProblem('http', '{"fax":true,"media":"URL"}'), 'media must be url, upload')
})
