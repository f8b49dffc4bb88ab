import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import pixelmatch from 'pixelmatch'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { until } from '../../helpers/poll.ts'
import { addActiveMember, credentials, query, replyOf, type Member, type Partner } from './packetera-client.ts'
import { changeTemplate, setAttribute, statusOf } from './hosted-client.ts'

// The hosted button and teleform in a real browser (issue 14): Debian's chromium driven by
// playwright-core, one browser for the whole file, nothing fetched but from the two local servers
// (Switchboard and a "partner site" serving the static pages and an image).

/** Screenshots of every template, kept by CI (README "Packetera"). */
export const ARTIFACTS = join(process.cwd(), 'artifacts', 'packetera-teleform')
const REFERENCES = join(import.meta.dirname, 'teleform-references')
/** A reference may differ from a fresh screenshot in this share of its pixels (font hinting, anti-aliasing). */
const TOLERANCE = 0.01

function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width, height })
  for (let i = 0; i < width * height; i++) png.data.set([...rgb, 255], i * 4)
  return PNG.sync.write(png)
}

describe('Packetera hosted pages in a browser', () => {
  let app: TestApp
  let partner: Partner
  let browser: Browser
  let context: BrowserContext
  let site: Server
  let base = ''
  let siteBase = ''
  const pages = new Map<string, string>()

  before(async () => {
    app = await startTestApp('pglite')
    partner = await app.reseller()
    base = (await app.http.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1')
    site = createServer((req, res) => {
      if (req.url === '/header.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(solidPng(380, 40, [200, 30, 60]))
      const html = pages.get(req.url ?? '')
      if (html === undefined) return res.writeHead(404).end()
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
    })
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r))
    siteBase = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
    context = await browser.newContext()
    // No network: only the two local servers answer.
    await context.route('**/*', (route) => {
      const url = route.request().url()
      return url.startsWith(base) || url.startsWith(siteBase) || url.startsWith('about:') ? route.continue() : route.abort()
    })
  })
  after(async () => {
    await browser?.close()
    await new Promise((r) => site?.close(r))
    await app?.stop()
  })

  /** A transaction over real HTTP, so links carry the server's own address. */
  async function transaction(m: Member, fields: Record<string, string>): Promise<Record<string, string>> {
    return replyOf(await (await fetch(`${base}/packetera/cbc_APIs.aspx?${query({ ...credentials(partner, m), ...fields })}`)).text())
  }
  function sitePage(path: string, body: string): string {
    pages.set(path, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Partner site</title></head><body><p>Welcome</p>${body}<p id="after">End</p></body></html>`)
    return `${siteBase}${path}`
  }
  async function open(url: string): Promise<Page> {
    const page = await context.newPage()
    await page.goto(url)
    return page
  }

  test('a static page embedding the JavaScript publish code shows the button just before the script tag', async () => {
    const m = await addActiveMember(app, partner)
    const code = (await transaction(m, { TransactionType: '3306' })).PublishCode!
    const page = await open(sitePage('/js.html', code))
    const button = page.locator('a.pk-callback-button')
    await button.waitFor()
    assert.equal(await button.textContent(), 'Call me')
    assert.equal(await button.getAttribute('title'), 'Click to request a free callback')
    assert.equal(await button.getAttribute('href'), `${base}/packetera/teleform/${m.buttonGuid}`)
    assert.equal(await page.evaluate(() => document.querySelector('a.pk-callback-button')!.nextElementSibling!.tagName), 'SCRIPT')
    // No globals: the page's window has the same own properties as a page without the script.
    const bare = await open(sitePage('/bare.html', ''))
    const names = (p: Page) => p.evaluate(() => Object.getOwnPropertyNames(window).sort())
    assert.deepEqual(await names(page), await names(bare))
    await Promise.all([page.close(), bare.close()])
  })

  test('a second copy of the script and a re-run render no button twice', async () => {
    const m = await addActiveMember(app, partner)
    const code = (await transaction(m, { TransactionType: '3306' })).PublishCode!
    const page = await open(sitePage('/twice.html', `${code}<p>between</p>${code}`))
    await until('both buttons', () => page.locator('a.pk-callback-button').count(), (n) => n >= 2)
    await page.addScriptTag({ url: `${base}/packetera/button.js` })
    await page.addScriptTag({ url: `${base}/packetera/button.js` })
    await page.waitForLoadState('networkidle')
    assert.equal(await page.locator('a.pk-callback-button').count(), 2)
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('a.pk-callback-button')].map((a) => a.nextElementSibling!.tagName)), ['SCRIPT', 'SCRIPT'])
    await page.close()
  })

  test('markup in the link text and tooltip is shown as text, never run', async () => {
    const m = await addActiveMember(app, partner)
    await setAttribute(app, partner, m, '3210', 'LinkText', '<img src=x onerror="document.title=1">Call')
    await setAttribute(app, partner, m, '3210', 'ToolTips', '"><script>document.title=2</script>')
    const page = await open(sitePage('/inject.html', (await transaction(m, { TransactionType: '3306' })).PublishCode!))
    const button = page.locator('a.pk-callback-button')
    await button.waitFor()
    assert.equal(await button.textContent(), '<img src=x onerror="document.title=1">Call')
    assert.equal(await button.getAttribute('title'), '"><script>document.title=2</script>')
    assert.equal(await page.locator('a.pk-callback-button img, a.pk-callback-button script').count(), 0)
    assert.equal(await page.title(), 'Partner site')
    await page.close()
  })

  test('an unknown button renders nothing', async () => {
    const page = await context.newPage()
    const answered = page.waitForResponse((r) => r.url().includes('/packetera/button/'))
    await page.goto(sitePage('/unknown.html', `<script src="${base}/packetera/button.js" data-button="00000000-0000-0000-0000-000000000000" async></script>`))
    assert.equal((await answered).status(), 404)
    // The script has run its course once its promise chain settles: a turn later there is still nothing.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)))
    assert.equal(await page.locator('a.pk-callback-button').count(), 0)
    await page.close()
  })

  test('clicking opens the teleform in a window of the configured size; a valid phone gets the confirmation', async () => {
    const m = await addActiveMember(app, partner)
    await setAttribute(app, partner, m, '5202', 'width', '520')
    await setAttribute(app, partner, m, '5202', 'height', '430')
    const page = await open(sitePage('/click.html', (await transaction(m, { TransactionType: '3306' })).PublishCode!))
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('a.pk-callback-button').click()])
    await popup.waitForLoadState()
    assert.equal(popup.url(), `${base}/packetera/teleform/${m.buttonGuid}`)
    assert.equal(page.url(), `${siteBase}/click.html`, 'the page itself stays')
    assert.deepEqual(await popup.evaluate(() => [window.innerWidth, window.innerHeight, window.name]), [520, 430, `pk_${m.buttonGuid}`])
    await popup.fill('input[name=phone]', '+44 20 7946 0958')
    await popup.fill('input[name=name]', 'Ada')
    await popup.click('button[type=submit]')
    const confirmation = popup.locator('#pk-confirmation')
    await confirmation.waitFor()
    assert.equal(await confirmation.textContent(), 'Thank you! We will call you at +442079460958 shortly.')
    const requestId = (await confirmation.getAttribute('data-request-id'))!
    assert.equal((await statusOf(app, requestId)).status, 'requested')
    await page.close()
  })

  test('an invalid phone shows the error with the value kept', async () => {
    const m = await addActiveMember(app, partner)
    const page = await open(`${base}/packetera/teleform/${m.buttonGuid}`)
    await page.fill('input[name=phone]', '12-ab')
    await page.fill('input[name=name]', '<b>Ada</b>')
    await page.click('button[type=submit]')
    await page.locator('#pk-error').waitFor()
    assert.equal(await page.locator('#pk-error').textContent(), 'Please enter a valid phone number.')
    assert.equal(await page.inputValue('input[name=phone]'), '12-ab')
    assert.equal(await page.inputValue('input[name=name]'), '<b>Ada</b>')
    await page.close()
  })

  test('the HTML publish code opens the same teleform, whose form works the same', async () => {
    const m = await addActiveMember(app, partner)
    const page = await open(sitePage('/html.html', (await transaction(m, { TransactionType: '3305' })).PublishCode!))
    const [tab] = await Promise.all([page.waitForEvent('popup'), page.getByText('Call me').click()])
    await tab.waitForLoadState()
    assert.equal(tab.url(), `${base}/packetera/teleform/${m.buttonGuid}`)
    await tab.fill('input[name=phone]', '5550100777')
    await tab.click('button[type=submit]')
    const requestId = (await tab.locator('#pk-confirmation').getAttribute('data-request-id'))!
    assert.equal((await statusOf(app, requestId)).status, 'requested')
    await page.close()
  })

  test('each template has its own look, matching its reference screenshot', async () => {
    const m = await addActiveMember(app, partner)
    mkdirSync(ARTIFACTS, { recursive: true })
    const shots = new Map<string, Buffer>()
    for (const template of ['classic', 'modern', 'compact', 'dark']) {
      await changeTemplate(app, partner, m, template)
      const page = await open(`${base}/packetera/teleform/${m.buttonGuid}`)
      const shot = await page.locator('#pk-teleform').screenshot()
      await page.close()
      writeFileSync(join(ARTIFACTS, `${template}.png`), shot)
      shots.set(template, shot)
      const refPath = join(REFERENCES, `${template}.png`)
      if (process.env.UPDATE_REFERENCES === '1') writeFileSync(refPath, shot)
      assert.ok(existsSync(refPath), `reference ${refPath} (UPDATE_REFERENCES=1 writes it)`)
      const [a, b] = [PNG.sync.read(shot), PNG.sync.read(readFileSync(refPath))]
      assert.deepEqual([a.width, a.height], [b.width, b.height], `${template} size`)
      const diff = pixelmatch(a.data, b.data, null, a.width, a.height, { threshold: 0.1 })
      assert.ok(diff <= a.width * a.height * TOLERANCE, `${template}: ${diff} pixels differ from the reference`)
    }
    // Distinct looks: no two templates' screenshots are alike.
    const names = [...shots.keys()]
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const [a, b] = [PNG.sync.read(shots.get(names[i]!)!), PNG.sync.read(shots.get(names[j]!)!)]
        if (a.width !== b.width || a.height !== b.height) continue
        const diff = pixelmatch(a.data, b.data, null, a.width, a.height, { threshold: 0.1 })
        assert.ok(diff > a.width * a.height * 0.05, `${names[i]} and ${names[j]} look alike`)
      }
    }
  })

  test('the colour and the header and footer images change what the page shows', async () => {
    const m = await addActiveMember(app, partner)
    const pixel = async (page: Page, x: number, y: number) => {
      const png = PNG.sync.read(await page.screenshot({ clip: { x, y, width: 1, height: 1 } }))
      return [...png.data.subarray(0, 3)]
    }
    /** A pixel near the container's bottom-right corner: the background colour. */
    const corner = async (page: Page) => {
      const box = (await page.locator('#pk-teleform').boundingBox())!
      return pixel(page, box.x + box.width - 4, box.y + box.height - 4)
    }
    let page = await open(`${base}/packetera/teleform/${m.buttonGuid}`)
    assert.deepEqual(await corner(page), [255, 255, 255])
    assert.equal(await page.locator('#pk-header').count(), 0)
    await page.close()
    await setAttribute(app, partner, m, '5202', 'backgroundcolour', '#0A3D62')
    await setAttribute(app, partner, m, '5202', 'headerimage', `${siteBase}/header.png`)
    await setAttribute(app, partner, m, '5202', 'footerimage', `${siteBase}/header.png`)
    page = await open(`${base}/packetera/teleform/${m.buttonGuid}`)
    await page.waitForLoadState('networkidle')
    assert.deepEqual(await corner(page), [0x0a, 0x3d, 0x62])
    for (const id of ['#pk-header', '#pk-footer']) {
      assert.equal(await page.locator(id).evaluate((img: HTMLImageElement) => img.naturalWidth), 380, id)
      const box = (await page.locator(id).boundingBox())!
      assert.deepEqual(await pixel(page, box.x + 10, box.y + 10), [200, 30, 60], id)
    }
    // Light text on the dark colour.
    assert.equal(await page.locator('h1').evaluate((h) => getComputedStyle(h).color), 'rgb(243, 241, 234)')
    await page.close()
  })
})
