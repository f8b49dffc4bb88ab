import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { addActiveMember, addMember, credentials, get, replyOf, type Partner } from './packetera-client.ts'
import { changeTemplate, setAttribute } from './hosted-client.ts'

const BASE = 'https://sb.example.com'

for (const kind of TEST_DATABASES) {
  describe(`Packetera hosted button and teleform (${kind})`, () => {
    let app: TestApp
    let partner: Partner
    before(async () => {
      app = await startTestApp(kind, { publicBaseUrl: BASE })
      partner = await app.reseller()
    })
    after(async () => { await app.stop() })

    const page = (guid: string) => app.http.inject({ method: 'GET', url: `/packetera/teleform/${guid}` })
    const buttonJson = (guid: string) => app.http.inject({ method: 'GET', url: `/packetera/button/${guid}.json` })

    test('button.js is served as cacheable JavaScript that defines no global', async () => {
      const res = await app.http.inject({ method: 'GET', url: '/packetera/button.js' })
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'application/javascript; charset=utf-8')
      assert.equal(res.headers['cache-control'], 'public, max-age=300')
      assert.match(res.body, /^\(function \(\) \{[\s\S]*\}\)\(\);\n$/)
    })

    test('the button JSON describes the button with its teleform URL and size, readable from any origin', async () => {
      const m = await addActiveMember(app, partner)
      await setAttribute(app, partner, m, '5202', 'width', '640')
      const res = await buttonJson(m.buttonGuid.toLowerCase())
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['access-control-allow-origin'], '*')
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      assert.deepEqual(res.json(), {
        button: m.buttonGuid, type: 1, linkText: 'Call me', imageUrl: '', toolTip: 'Click to request a free callback',
        teleformUrl: `${BASE}/packetera/teleform/${m.buttonGuid}`, width: 640, height: 350,
      })
    })

    test('an image button reports its type and image URL', async () => {
      const m = await addActiveMember(app, partner)
      await setAttribute(app, partner, m, '3210', 'Type', '2')
      await setAttribute(app, partner, m, '3210', 'URL', 'https://cdn.example.com/call.png')
      const b = (await buttonJson(m.buttonGuid)).json()
      assert.equal(b.type, 2)
      assert.equal(b.imageUrl, 'https://cdn.example.com/call.png')
    })

    test('unknown, deleted and inactive-member buttons are 404 on every hosted route', async () => {
      const inactive = await addMember(app, partner)
      const active = await addActiveMember(app, partner)
      const added = replyOf((await get(app, { TransactionType: '3101', ...credentials(partner, active) })).body).ButtonGUID!
      assert.equal(replyOf((await get(app, { TransactionType: '3404', ...credentials(partner, active), ButtonGUID: added })).body).Status, 'Success')
      for (const guid of ['00000000-0000-0000-0000-000000000000', 'not-a-guid', added, inactive.buttonGuid]) {
        const json = await buttonJson(guid)
        assert.equal(json.statusCode, 404, guid)
        assert.deepEqual(json.json(), { error: 'not_found' })
        const html = await page(guid)
        assert.equal(html.statusCode, 404)
        assert.equal(html.headers['content-type'], 'text/html; charset=utf-8')
        assert.match(html.body, /This call button is not available\./)
      }
    })

    test('the teleform page has the specified heading, container, form and fields', async () => {
      const m = await addActiveMember(app, partner)
      const res = await page(m.buttonGuid)
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8')
      assert.match(res.body, /<h1>Request a callback<\/h1>/)
      assert.ok(res.body.includes(`<div id="pk-teleform" class="pk-on-light" data-button="${m.buttonGuid}" data-template="classic" style="width:400px;height:350px;background-color:#FFFFFF">`))
      assert.ok(res.body.includes(`<form id="pk-form" method="post" action="/packetera/teleform/${m.buttonGuid}/callback">`))
      assert.ok(res.body.includes('<input type="tel" name="phone" required maxlength="20">'))
      assert.ok(res.body.includes('<input type="text" name="name" maxlength="50">'))
      assert.match(res.body, /<button type="submit">Call me now<\/button>/)
      assert.doesNotMatch(res.body, /pk-header|pk-footer/)
      // No external resources: no stylesheet link, script or image source but the attributes'.
      assert.doesNotMatch(res.body, /<link|<script|src=/)
    })

    test('each template gives the page its own size, colour and stylesheet', async () => {
      const m = await addActiveMember(app, partner)
      const seen = new Set<string>()
      for (const [name, style] of [
        ['classic', 'width:400px;height:350px;background-color:#FFFFFF'], ['modern', 'width:420px;height:380px;background-color:#F4F6F8'],
        ['compact', 'width:320px;height:260px;background-color:#FFFFFF'], ['dark', 'width:400px;height:350px;background-color:#222222'],
      ] as const) {
        await changeTemplate(app, partner, m, name)
        const body = (await page(m.buttonGuid)).body
        assert.ok(body.includes(`data-template="${name}" style="${style}"`), name)
        const css = /<style>([\s\S]*)<\/style>/.exec(body)![1]!
        assert.ok(!seen.has(css), `${name} has a stylesheet of its own`)
        seen.add(css)
      }
    })

    test('size, colour and header/footer images follow the teleform attributes, escaped', async () => {
      const m = await addActiveMember(app, partner)
      await setAttribute(app, partner, m, '5202', 'width', '500')
      await setAttribute(app, partner, m, '5202', 'height', '600')
      await setAttribute(app, partner, m, '5202', 'backgroundcolor', '123')
      await setAttribute(app, partner, m, '5202', 'headerimage', 'https://img.example.com/h.png?a=1&b="2"')
      await setAttribute(app, partner, m, '5202', 'footerimage', 'https://img.example.com/f.png')
      const body = (await page(m.buttonGuid)).body
      assert.ok(body.includes('class="pk-on-dark"'))
      assert.ok(body.includes('style="width:500px;height:600px;background-color:#123"'))
      assert.ok(body.includes('<img id="pk-header" src="https://img.example.com/h.png?a=1&amp;b=&quot;2&quot;" alt="">'))
      assert.ok(body.includes('<img id="pk-footer" src="https://img.example.com/f.png" alt="">'))
    })

    test('the publish codes and TeleformURL of 3305-3309 lead to the hosted endpoints', async () => {
      const m = await addActiveMember(app, partner)
      const teleformUrl = replyOf((await get(app, { TransactionType: '3307', ...credentials(partner, m) })).body).TeleformURL!
      const html = replyOf((await get(app, { TransactionType: '3305', ...credentials(partner, m) })).body).PublishCode!
      const js = replyOf((await get(app, { TransactionType: '3309', ...credentials(partner, m), ButtonGUID: m.buttonGuid })).body).PublishCode!
      const href = /href="([^"]+)"/.exec(html)![1]!
      const src = /src="([^"]+)"/.exec(js)![1]!
      assert.equal(href, teleformUrl)
      for (const url of [teleformUrl, src, src.replace(/button\.js$/, `button/${m.buttonGuid}.json`)]) {
        assert.ok(url.startsWith(BASE), url)
        const res = await app.http.inject({ method: 'GET', url: url.slice(BASE.length) })
        assert.equal(res.statusCode, 200, url)
      }
    })
  })
}
