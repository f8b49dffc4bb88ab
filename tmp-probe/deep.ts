import { startTestApp } from '../test/helpers/app.ts'
const app = await startTestApp('pglite')
const r = await app.reseller()
const deep = '['.repeat(5000) + ']'.repeat(5000)
for (const body of [`{"BusinessName":${deep}}`, deep]) {
  const res = await app.http.inject({ method: 'POST', url: '/delacon/rest/config/updatecustomer/5', headers: { auth: r.apiKey, 'content-type': 'application/json' }, payload: body })
  console.log(res.statusCode, res.body.slice(0, 200))
}
const big = 'a=' + 'x'.repeat(5 * 1024 * 1024)
const p = await app.http.inject({ method: 'POST', url: '/packetera/cbc_APIs.aspx', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: big })
console.log(p.statusCode, p.body.slice(0, 200))
await app.stop()
