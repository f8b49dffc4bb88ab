import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { systemActor, resellerActor } from '../../../src/core/actor.ts'
import { getCompany, setFeatureProvisioned } from '../../../src/core/call-tracking/index.ts'
import { getCustomer } from '../../../src/core/customers/index.ts'
import { addNumbers } from '../../../src/core/numbers/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { newCustomer, postForm, postJson } from './delacon-helpers.ts'

const env = (result: string, message: string) => `{"RESULT":"${result}","MESSAGE":"${message}"}`

for (const kind of TEST_DATABASES) {
  describe(`Delacon updatecustomer (${kind})`, () => {
    let app: TestApp
    let a: { id: number; apiKey: string }
    let b: { id: number; apiKey: string }
    let cid: number
    let numbers: string[]
    before(async () => {
      app = await startTestApp(kind)
      a = await app.reseller()
      b = await app.reseller()
      await addNumbers(app.core, systemActor, { region: 'AU', numberType: '02', count: 3 })
      const r = (await postForm(app, '/provision', a.apiKey, newCustomer({ region: 'AU', numberType: '02', numbers: '3', features: 'CallRecording' }))).json()
      cid = Number(r.CID)
      numbers = String(r.Numbers).split(', ')
    })
    after(async () => { await app.stop() })

    test('general fields update the company and its customer row', async () => {
      const spaced = `${numbers[2]!.slice(0, 2)} ${numbers[2]!.slice(2, 6)}-${numbers[2]!.slice(6)}`
      const res = await postForm(app, `/updatecustomer/${cid}`, a.apiKey, {
        BusinessName: 'Acme Two', EmailAddress: 'two@acme.example', OneThreeHundredNumber: spaced, whisper: 'y', dnis: 'Y',
        xfertype: '3', voicemal: 'Y', xfertime: '045', moh: 'y', SMSmessage: 'Thanks for calling ☎', calltrack: 'allutmmediumcpc',
      })
      assert.equal(res.body, env('OK', 'Customer details updated'))
      const c = await getCompany(app.core, resellerActor(a.id), cid)
      assert.equal(c.primaryNumber, numbers[2])
      assert.deepEqual([c.whisper, c.dnis, c.xferType, c.voicemail, c.xferTime, c.moh, c.smsMessage, c.callTrack],
        [true, true, 3, true, 45, true, 'Thanks for calling ☎', 'AllUtmMediumCpc'])
      const customer = await getCustomer(app.core, resellerActor(a.id), cid)
      assert.equal(customer.name, 'Acme Two')
      assert.equal(customer.email, 'two@acme.example')
      const json = await postJson(app, `/updatecustomer/${cid}`, a.apiKey, { whisper: false, voicemail: false, voicemal: true, xfertime: 7 })
      assert.equal(json.body, env('OK', 'Customer details updated'))
      const c2 = await getCompany(app.core, resellerActor(a.id), cid)
      assert.deepEqual([c2.whisper, c2.voicemail, c2.xferTime], [false, false, 7])
    })

    test('an unknown, malformed or other partner\'s companyID is "Customer <id> not found"', async () => {
      assert.equal((await postForm(app, `/updatecustomer/${cid}`, b.apiKey, { whisper: 'Y' })).body, env('FAIL', `Customer ${cid} not found`))
      assert.equal((await postForm(app, '/updatecustomer/98765', a.apiKey, { whisper: 'Y' })).body, env('FAIL', 'Customer 98765 not found'))
      assert.equal((await postForm(app, '/updatecustomer/abc', a.apiKey, { whisper: 'Y' })).body, env('FAIL', 'Customer abc not found'))
      assert.equal((await postForm(app, '/updatecustomer/0', a.apiKey, {})).body, env('FAIL', 'Customer 0 not found'))
    })

    test('switches must be sent alone; an empty request has no parameters for update', async () => {
      const mixed = env('INVALID', 'Data validation failed - invalid parameters for update')
      assert.equal((await postForm(app, `/updatecustomer/${cid}`, a.apiKey, { CallRecording: 'Y', whisper: 'N' })).body, mixed)
      assert.equal((await postForm(app, `/updatecustomer/${cid}`, a.apiKey, { CallFeedbackSurvey: 'Y', CallFeedbackSurevy: 'Y' })).body, mixed)
      assert.equal((await postForm(app, `/updatecustomer/${cid}`, a.apiKey, { IVR: 'bogus', xfertime: 'bogus' })).body, mixed)
      assert.equal((await postForm(app, `/updatecustomer/${cid}`, a.apiKey, { unknown: 'x', BusinessName: '' })).body,
        env('INVALID', 'Data validation failed - no parameters for update'))
    })

    test('switch replies follow the provisioned state; enabling an unprovisioned feature changes nothing', async () => {
      const send = async (f: Record<string, string>) => (await postForm(app, `/updatecustomer/${cid}`, a.apiKey, f)).body
      assert.equal(await send({ CallRecording: 'n' }), env('OK', 'CallRecording disabled for customer, CallRecording Provisioned:Yes'))
      assert.equal(await send({ CallRecording: 'Y' }), env('OK', 'CallRecording enabled for customer, CallRecording Provisioned:Yes'))
      assert.equal(await send({ CallFeedbackSurevy: 'Y' }), env('FAIL', 'CallFeedbackSurvey Provisioned:No'))
      assert.equal(await send({ CallFeedbackSurvey: 'N' }), env('OK', 'CallFeedbackSurvey disabled for customer, CallFeedbackSurvey Provisioned:No'))
      assert.equal(await send({ IVR: 'Y' }), env('FAIL', 'IVR Provisioned:No'))
      assert.equal((await getCompany(app.core, resellerActor(a.id), cid)).ivrEnabled, false)
      await setFeatureProvisioned(app.core, systemActor, cid, 'IVR', true)
      assert.equal(await send({ ivr: 'y' }), env('OK', 'IVR enabled for customer, IVR Provisioned:Yes'))
      assert.equal((await getCompany(app.core, resellerActor(a.id), cid)).ivrEnabled, true)
      assert.equal(await send({ IVR: 'maybe' }), env('INVALID', 'Data validation failed - IVR is invalid'))
      assert.equal(await send({ CallFeedbackSurevy: 'x' }), env('INVALID', 'Data validation failed - CallFeedbackSurvey is invalid'))
    })

    test('field checks are listed in order and nothing is written when one fails', async () => {
      const before = await getCompany(app.core, resellerActor(a.id), cid)
      const res = await postForm(app, `/updatecustomer/${cid}`, a.apiKey, {
        BusinessName: 'n'.repeat(101), BusCat: 'c'.repeat(51), EmailAddress: 'bad', TerminationNumber: 'abc', BusID: 'b'.repeat(51),
        OneThreeHundredNumber: '1300000000', whisper: 'yes', DNIS: '1', xfertype: '4', voicemail: 'x', xfertime: '1000', moh: 'Z',
        SMSmessage: '☎'.repeat(161), CallTrack: 'Nope',
      })
      assert.equal(res.body, env('INVALID', 'Data validation failed - BusinessName must be at most 100 characters; BusCat must be at most 50 characters; EmailAddress is invalid; TerminationNumber is invalid; BusID must be at most 50 characters; OneThreeHundredNumber is not a number of this customer; whisper is invalid; DNIS is invalid; xfertype is invalid; voicemail is invalid; xfertime must be a number of at most 3 digits; moh is invalid; SMSmessage must be at most 160 characters; CallTrack is invalid'))
      const partial = await postForm(app, `/updatecustomer/${cid}`, a.apiKey, { BusinessName: 'Changed', xfertime: '-1' })
      assert.equal(partial.body, env('INVALID', 'Data validation failed - xfertime must be a number of at most 3 digits'))
      const after = await getCompany(app.core, resellerActor(a.id), cid)
      assert.deepEqual(after, before)
      assert.equal((await getCustomer(app.core, resellerActor(a.id), cid)).name, before.name)
    })
  })
}
