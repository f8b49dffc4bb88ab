import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createReseller, issueApiKey, revokeApiKey, setResellerEnabled } from '../../../src/core/resellers/index.ts'
import { ErrorResponse, ProductResponse } from '../../../src/dialects/porta/servicestack/dto.ts'
import { readJsv } from '../../../src/dialects/porta/servicestack/jsv.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { createPartnerData, type PartnerData } from './partner-data.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

for (const kind of TEST_DATABASES) {
  describe(`Porta GetAccounts and GetAccountInfoByIAccount (${kind})`, () => {
    let app: TestApp
    let a: PartnerData
    let b: PartnerData
    before(async () => {
      app = await startTestApp(kind)
      a = await createPartnerData(app)
      b = await createPartnerData(app)
    })
    after(async () => { await app.stop() })

    const get = (url: string, headers: Record<string, string> = {}) => app.http.inject({ method: 'GET', url: `/porta${url}`, headers })

    test('GetAccounts lists the customer\'s accounts by IAccount in JSON with NumberOfAccounts', async () => {
      const res = await get(`/GetAccounts/${a.apiKey}/${a.customerId}`)
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      const body = res.json()
      assert.deepEqual(Object.keys(body), ['Accounts', 'NumberOfAccounts', 'ContentId'])
      assert.equal(body.NumberOfAccounts, 3)
      assert.deepEqual(body.Accounts.map((x: Json) => x.IAccount), [a.accountIds.login, a.accountIds.did, a.accountIds.blocked])
      const [login, did, blocked] = body.Accounts as Json[]
      assert.equal(login!.AccountId, a.login)
      assert.equal(login!.ICustomer, a.customerId)
      assert.equal(login!.IEnv, a.resellerId)
      assert.equal(login!.Type, 'SIP')
      assert.equal(login!.BillingModel, 'Debit')
      assert.equal(login!.Blocked, false)
      assert.equal(login!.Blockedfield, 'N')
      // The login's default account takes the customer's names at sign-up (issue 12), so Porta shows them.
      assert.equal(login!.fullname, 'Ada Lovelace')
      assert.equal(login!.last_usage, '\\/Date(-62135596800000-0000)\\/'.replaceAll('\\', ''))
      assert.equal(did!.AccountId, a.didNumber)
      assert.equal(did!.Type, 'DID')
      assert.equal(blocked!.Blocked, true)
      assert.equal(blocked!.Blockedfield, 'Y')
      assert.equal(blocked!.FirstName, 'Grace')
      assert.equal(blocked!.Email, 'grace@example.com')
      for (const acc of body.Accounts as Json[]) {
        assert.equal(acc.VoipPassword, undefined)
        assert.equal(acc.SIPPassword, undefined)
        assert.equal(acc.ServiceFeatures, undefined)
        assert.equal(acc.HGInfo, undefined)
      }
      assert.ok(!res.body.includes(a.apiKey), 'the License is never echoed')
    })

    test('the JSON text writes dates as \\/Date(ms-0000)\\/ and keeps the declared property order', async () => {
      const res = await get(`/GetAccounts/${a.apiKey}/${a.customerId}`)
      assert.match(res.body, /"last_usage":"\\\/Date\(-62135596800000-0000\)\\\/"/)
      assert.match(res.body, /^\{"Accounts":\[\{"AccountId":"[^"]+","IAccount":\d+,"i_c_ext":0,"ICustomer":\d+,"BillingModel":"Debit"/)
    })

    test('GetAccounts in JSV (.jsv suffix and ?format=jsv) reads back to the same accounts', async () => {
      const json = (await get(`/GetAccounts/${a.apiKey}/${a.customerId}`)).json()
      for (const url of [`/GetAccounts/${a.apiKey}/${a.customerId}.jsv`, `/GetAccounts/${a.apiKey}/${a.customerId}?format=jsv`]) {
        const res = await get(url)
        assert.equal(res.statusCode, 200)
        assert.equal(res.headers['content-type'], 'application/jsv')
        const { value, errors } = readJsv<Json>(res.body, ProductResponse)
        assert.deepEqual(errors, [])
        assert.equal(value.NumberOfAccounts, 3)
        assert.deepEqual(value.Accounts.map((x: Json) => [x.IAccount, x.AccountId, x.Type, x.Blocked]),
          json.Accounts.map((x: Json) => [x.IAccount, x.AccountId, x.Type, x.Blocked]))
        assert.equal((value.Accounts[0].last_usage as Date).getTime(), -62135596800000)
      }
    })

    test('ContentId and FeatureName echo the request; License is never echoed', async () => {
      const res = await get(`/GetAccounts/${a.apiKey}/${a.customerId}?ContentId=42&FeatureName=hello`)
      const body = res.json()
      assert.equal(body.ContentId, 42)
      assert.equal(body.FeatureName, 'hello')
      assert.equal(body.License, undefined)
    })

    test('GetAccountInfoByIAccount returns the full projection with the SIP secret', async () => {
      const res = await get(`/GetAccountInfoByIAccount/${a.apiKey}/${a.accountIds.blocked}`)
      assert.equal(res.statusCode, 200)
      const body = res.json()
      assert.deepEqual(Object.keys(body), ['AccountInfo', 'NumberOfAccounts', 'ContentId'])
      const info = body.AccountInfo
      assert.equal(info.IAccount, a.accountIds.blocked)
      assert.equal(info.AccountId, a.blockedName)
      assert.equal(info.ICustomer, a.customerId)
      assert.equal(info.VoipPassword, a.secret)
      assert.equal(info.SIPPassword, a.secret)
      assert.equal(info.UIPassword, undefined)
      assert.deepEqual(info.ServiceFeatures, [])
      assert.deepEqual(info.ActiveAddons, [])
      assert.deepEqual(info.HGInfo, [])
      assert.equal(info.Phone1, '+441234567890')
      assert.equal(info.PhoneNo, '+441234567890')
      assert.equal(info.Address1, '1 Main St, Leeds')
      assert.equal(info.fullname, 'Grace Hopper')
      assert.equal(info.subscribername, 'Grace Hopper')
      assert.equal(info.Blocked, true)
      assert.equal(body.NumberOfAccounts, 0)
    })

    test('GetAccountInfoByIAccount in JSV parses with the reader', async () => {
      const res = await get(`/GetAccountInfoByIAccount/${a.apiKey}/${a.accountIds.blocked}.jsv`)
      assert.equal(res.headers['content-type'], 'application/jsv')
      const { value } = readJsv<Json>(res.body, ProductResponse)
      assert.equal(value.AccountInfo.SIPPassword, a.secret)
      assert.equal(value.AccountInfo.Address1, '1 Main St, Leeds')
      assert.deepEqual(value.AccountInfo.HGInfo, [])
      assert.match(res.body, /Address1:"1 Main St, Leeds"/)
    })

    test('forBLF adds the customer\'s other accounts that have an extension (none yet)', async () => {
      const body = (await get(`/GetAccountInfoByIAccount/${a.apiKey}/${a.accountIds.login}?forBLF=true`)).json()
      assert.deepEqual(body.Accounts, [])
      assert.equal(body.NumberOfAccounts, 0)
    })

    describe('negotiation precedence (§7.1)', () => {
      test('?format beats the .jsv suffix', async () => {
        const res = await get(`/GetAccounts/${a.apiKey}/${a.customerId}.jsv?format=json`)
        assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      })
      test('the suffix beats Accept', async () => {
        const res = await get(`/GetAccounts/${a.apiKey}/${a.customerId}.jsv`, { accept: 'application/json' })
        assert.equal(res.headers['content-type'], 'application/jsv')
      })
      test('Accept selects JSV, XML and CSV', async () => {
        assert.equal((await get(`/GetAccounts/${a.apiKey}/${a.customerId}`, { accept: 'text/jsv' })).headers['content-type'], 'application/jsv')
        const xml = await get(`/GetAccounts/${a.apiKey}/${a.customerId}`, { accept: 'text/html, application/xml;q=0.9' })
        assert.equal(xml.headers['content-type'], 'application/xml')
        assert.match(xml.body, /^<\?xml version="1.0" encoding="utf-8"\?><ProductResponse xmlns="http:\/\/schemas.datacontract.org\/2004\/07\/PortaPlus2.API.Web.Dto"/)
        const csv = await get(`/GetAccounts/${a.apiKey}/${a.customerId}?format=csv`)
        assert.equal(csv.headers['content-type'], 'text/csv')
        assert.ok(csv.body.startsWith('PortaProducts,Accounts,AccountInfo,PortaProductInfo,ProductAddonsInfo,NumberOfAccounts,License,ContentId,FeatureName\r\n'))
      })
      test('?callback beats ?format: JSONP', async () => {
        const res = await get(`/GetAccounts/${a.apiKey}/${a.customerId}.jsv?format=xml&callback=my.cb`)
        assert.equal(res.headers['content-type'], 'application/javascript; charset=utf-8')
        assert.match(res.body, /^my\.cb\(\{"Accounts":.*\}\)$/)
      })
      test('an invalid callback is a 400 ArgumentException', async () => {
        const res = await get(`/GetAccounts/${a.apiKey}/${a.customerId}?callback=alert(1)`)
        assert.equal(res.statusCode, 400)
        assert.equal(res.json().ResponseStatus.ErrorCode, 'ArgumentException')
        assert.equal(res.json().ResponseStatus.Errors[0].FieldName, 'callback')
      })
      test('errors come in the negotiated format too', async () => {
        const jsv = await get(`/GetAccounts/nope/${a.customerId}.jsv`)
        assert.equal(jsv.statusCode, 401)
        assert.equal(jsv.headers['content-type'], 'application/jsv')
        assert.equal(jsv.body, '{ResponseStatus:{ErrorCode:Unauthorized,Message:Invalid License,Errors:[]}}')
        assert.deepEqual(readJsv(jsv.body, ErrorResponse).value, { ResponseStatus: { ErrorCode: 'Unauthorized', Message: 'Invalid License', Errors: [] } })
        const xml = await get(`/GetAccounts/nope/${a.customerId}?format=xml`)
        assert.match(xml.body, /<ErrorResponse xmlns="http:\/\/schemas.servicestack.net\/types".*<ErrorCode>Unauthorized<\/ErrorCode>/)
        const jsonp = await get(`/GetAccounts/nope/${a.customerId}?callback=cb`)
        assert.equal(jsonp.body, 'cb({"ResponseStatus":{"ErrorCode":"Unauthorized","Message":"Invalid License","Errors":[]}})')
      })
    })

    describe('License (§1)', () => {
      test('unknown, empty and wrong-case Licenses are 401 Unauthorized "Invalid License"', async () => {
        for (const url of [`/GetAccounts/nope/${a.customerId}`, `/GetAccounts/${a.apiKey.toLowerCase()}x/${a.customerId}`, `/GetAccounts/${a.apiKey}/${a.customerId}?License=`]) {
          const res = await get(url)
          assert.equal(res.statusCode, 401, url)
          assert.equal(res.statusMessage, 'Unauthorized')
          assert.deepEqual(res.json(), { ResponseStatus: { ErrorCode: 'Unauthorized', Message: 'Invalid License', Errors: [] } })
        }
      })

      test('a ?License= query value overrides the path value', async () => {
        const res = await get(`/GetAccounts/nope/${a.customerId}?license=${a.apiKey}`)
        assert.equal(res.statusCode, 200)
      })

      test('a revoked key is 401 at once', async () => {
        const { id, apiKey } = await issueApiKey(app.core, a.resellerId, 'temp')
        assert.equal((await get(`/GetAccounts/${apiKey}/${a.customerId}`)).statusCode, 200)
        await revokeApiKey(app.core, a.resellerId, id)
        assert.equal((await get(`/GetAccounts/${apiKey}/${a.customerId}`)).statusCode, 401)
      })

      test('a suspended partner or one not enabled for Porta is 403 Forbidden', async () => {
        const suspended = await app.reseller()
        await setResellerEnabled(app.core, suspended.id, false)
        const res = await get(`/GetAccounts/${suspended.apiKey}/${a.customerId}`)
        assert.equal(res.statusCode, 403)
        assert.equal(res.statusMessage, 'Forbidden')
        assert.equal(res.json().ResponseStatus.ErrorCode, 'Forbidden')
        const other = await createReseller(app.core, { name: 'Only ICTCore', username: `ict${a.resellerId}x${Date.now() % 100000}`, dialects: ['ictcore'] })
        const res2 = await get(`/GetAccountInfoByIAccount/${other.apiKey}/${a.accountIds.login}`)
        assert.equal(res2.statusCode, 403)
        assert.equal(res2.json().ResponseStatus.ErrorCode, 'Forbidden')
      })

      test('binding is checked before the License', async () => {
        const res = await get(`/GetAccounts/nope/abc`)
        assert.equal(res.statusCode, 400)
        assert.equal(res.json().ResponseStatus.ErrorCode, 'SerializationException')
      })
    })

    describe('subject ids and binding (§4.1, §6)', () => {
      test('a non-integer id is a 400 SerializationException naming the field', async () => {
        const res = await get(`/GetAccountInfoByIAccount/${a.apiKey}/12ab`)
        assert.equal(res.statusCode, 400)
        assert.equal(res.statusMessage, 'SerializationException')
        assert.deepEqual(res.json(), { ResponseStatus: {
          ErrorCode: 'SerializationException', Message: "Unable to bind to request 'Product'",
          Errors: [{ ErrorCode: 'SerializationException', FieldName: 'IAccount', Message: "'12ab' is an Invalid value for 'IAccount'" }],
        } })
        const q = await get(`/GetAccounts/${a.apiKey}/${a.customerId}?PageOffset=lots`)
        assert.equal(q.json().ResponseStatus.Errors[0].FieldName, 'PageOffset')
        const big = await get(`/GetAccounts/${a.apiKey}/99999999999`)
        assert.equal(big.json().ResponseStatus.Errors[0].FieldName, 'ICustomer')
      })

      test('a 0 subject id is a 400 ArgumentException naming the field', async () => {
        for (const [url, field] of [[`/GetAccounts/${a.apiKey}/0`, 'ICustomer'], [`/GetAccountInfoByIAccount/${a.apiKey}/0`, 'IAccount']] as const) {
          const res = await get(url)
          assert.equal(res.statusCode, 400)
          assert.equal(res.statusMessage, 'ArgumentException')
          const rs = res.json().ResponseStatus
          assert.equal(rs.ErrorCode, 'ArgumentException')
          assert.equal(rs.Errors[0].FieldName, field)
        }
      })

      test('unknown and negative ids are 404 NotFound', async () => {
        for (const url of [`/GetAccounts/${a.apiKey}/2000000000`, `/GetAccounts/${a.apiKey}/-3`, `/GetAccountInfoByIAccount/${a.apiKey}/2000000000`, `/GetAccountInfoByIAccount/${a.apiKey}/-1`]) {
          const res = await get(url)
          assert.equal(res.statusCode, 404, url)
          assert.equal(res.statusMessage, 'NotFound')
          assert.equal(res.json().ResponseStatus.ErrorCode, 'NotFound')
          assert.deepEqual(res.json().ResponseStatus.Errors, [])
        }
      })

      test('an account whose owner has no customer is not Porta-visible', async () => {
        const u = await app.user(a.resellerId)
        const { accounts } = await import('../../../src/core/accounts/accounts.table.ts')
        const { eq } = await import('drizzle-orm')
        const [acc] = await app.core.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.userId, u.id))
        assert.equal((await get(`/GetAccountInfoByIAccount/${a.apiKey}/${acc!.id}`)).statusCode, 404)
      })
    })

    describe('account-list flags apply on GetAccounts too (§4.1 "Flags are global", §4.3)', () => {
      test('GetDIDS keeps only DIDs; getNonDIDAccbySearchTerm drops them; GetBlockedAccounts keeps blocked ones', async () => {
        const dids = (await get(`/GetAccounts/${a.apiKey}/${a.customerId}?GetDIDS=true`)).json()
        assert.deepEqual(dids.Accounts.map((x: Json) => x.IAccount), [a.accountIds.did])
        assert.equal(dids.NumberOfAccounts, 1)
        const nonDid = (await get(`/GetAccounts/${a.apiKey}/${a.customerId}?getNonDIDAccbySearchTerm=1`)).json()
        assert.deepEqual(nonDid.Accounts.map((x: Json) => x.IAccount), [a.accountIds.login, a.accountIds.blocked])
        const blocked = (await get(`/GetAccounts/${a.apiKey}/${a.customerId}?GetBlockedAccounts=y`)).json()
        assert.deepEqual(blocked.Accounts.map((x: Json) => x.IAccount), [a.accountIds.blocked])
        const cli = (await get(`/GetAccounts/${a.apiKey}/${a.customerId}?getaccountsforCLI=on`)).json()
        assert.deepEqual(cli.Accounts.map((x: Json) => x.IAccount), [a.accountIds.login, a.accountIds.did])
      })

      test('SearchTerm matches account text fields; a non-zero IProduct filter matches nothing yet', async () => {
        const found = (await get(`/GetAccounts/${a.apiKey}/${a.customerId}?SearchTerm=GRACE`)).json()
        assert.deepEqual(found.Accounts.map((x: Json) => x.IAccount), [a.accountIds.blocked])
        const star = (await get(`/GetAccounts/${a.apiKey}/${a.customerId}?SearchTerm=*`)).json()
        assert.equal(star.NumberOfAccounts, 3)
        const product = (await get(`/GetAccounts/${a.apiKey}/${a.customerId}?IProduct=5`)).json()
        assert.deepEqual(product, { Accounts: [], NumberOfAccounts: 0, ContentId: 0 })
      })

      test('paging counts before the page; page size over 1000 is a 400', async () => {
        const page = (await get(`/GetAccounts/${a.apiKey}/${a.customerId}?PageOffset=2&PageNumber=2`)).json()
        assert.deepEqual(page.Accounts.map((x: Json) => x.IAccount), [a.accountIds.blocked])
        assert.equal(page.NumberOfAccounts, 3)
        const past = (await get(`/GetAccounts/${a.apiKey}/${a.customerId}?PageOffset=2&PageNumber=9`)).json()
        assert.deepEqual(past.Accounts, [])
        const bad = await get(`/GetAccounts/${a.apiKey}/${a.customerId}?PageOffset=1001`)
        assert.equal(bad.statusCode, 400)
        assert.equal(bad.json().ResponseStatus.Errors[0].FieldName, 'PageOffset')
      })

      test('forACL gives the summary projection; GetAccountServiceFeatures adds ServiceFeatures', async () => {
        const acl = (await get(`/GetAccounts/${a.apiKey}/${a.customerId}?forACL=true&GetAccountServiceFeatures=true`)).json()
        const blocked = acl.Accounts.find((x: Json) => x.IAccount === a.accountIds.blocked)
        assert.equal(blocked.fullname, 'Grace Hopper')
        assert.equal(blocked.Email, undefined)
        assert.equal(blocked.Blockedfield, undefined)
        assert.equal(blocked.Blocked, true)
        assert.deepEqual(blocked.ServiceFeatures, [])
      })
    })

    describe('no route (§8)', () => {
      const noRoute = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string) => {
        const res = await app.http.inject({ method, url: `/porta${url}` })
        assert.equal(res.statusCode, 404, `${method} ${url}`)
        assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8')
        assert.ok(res.body.startsWith('Handler for Request not found (404)'))
      }
      test('unknown paths, other segment counts and other verbs answer the text 404', async () => {
        await noRoute('GET', '/Nope')
        await noRoute('GET', '/')
        await noRoute('GET', `/GetAccounts/${a.apiKey}`)
        await noRoute('GET', `/GetAccounts/${a.apiKey}/${a.customerId}/0/true/extra`)
        await noRoute('POST', `/GetAccounts/${a.apiKey}/${a.customerId}`)
        await noRoute('DELETE', `/GetAccountInfoByIAccount/${a.apiKey}/1`)
        await noRoute('GET', `/GetProducts/${a.apiKey}/GBP/true/extra`)
        await noRoute('POST', `/GetProducts/${a.apiKey}/GBP`)
        await noRoute('GET', `/GetAdminProductsBySearchString`)
      })
      test('a Content-Type that is no media type is an ignored body type (§6), never a 415 (issue 13 point 9)', async () => {
        for (const type of ['xxxx', 'base64', ';;']) {
          const ok = await app.http.inject({ method: 'GET', url: `/porta/GetAccounts/${a.apiKey}/${a.customerId}`, headers: { 'content-type': type }, payload: '{"ICustomer":"x"}' })
          assert.equal(ok.statusCode, 200, `${type}: ${ok.body}`)
          const post = await app.http.inject({ method: 'POST', url: `/porta/GetAccounts/${a.apiKey}/${a.customerId}`, headers: { 'content-type': type }, payload: 'x' })
          assert.equal(post.statusCode, 404, `${type}: ${post.body}`)
          assert.ok(post.body.startsWith('Handler for Request not found (404)'))
        }
      })
      test('the literal matches ignoring case and a trailing slash is ignored', async () => {
        assert.equal((await get(`/getaccounts/${a.apiKey}/${a.customerId}/`)).statusCode, 200)
        assert.equal((await get(`/GETACCOUNTINFOBYIACCOUNT/${a.apiKey}/${a.accountIds.login}`)).statusCode, 200)
      })
    })

    describe('two partners with disjoint data', () => {
      test('every id of one partner replayed with the other\'s License is 404 and leaks nothing', async () => {
        for (const [owner, other] of [[a, b], [b, a]] as const) {
          const urls = [
            `/GetAccounts/${other.apiKey}/${owner.customerId}`,
            `/GetAccounts/${other.apiKey}/${owner.customerId}.jsv`,
            ...Object.values(owner.accountIds).map((id) => `/GetAccountInfoByIAccount/${other.apiKey}/${id}`),
            ...Object.values(owner.accountIds).map((id) => `/GetAccountInfoByIAccount/${other.apiKey}/${id}?format=jsv`),
          ]
          for (const url of urls) {
            const res = await get(url)
            assert.equal(res.statusCode, 404, url)
            for (const secret of [owner.login, owner.didNumber, owner.blockedName, owner.secret, 'Grace', 'Lovelace']) {
              assert.ok(!res.body.includes(secret), `${url} leaks ${secret}`)
            }
          }
          const own = (await get(`/GetAccounts/${other.apiKey}/${other.customerId}`)).json()
          assert.ok(own.Accounts.every((x: Json) => !Object.values(owner.accountIds).includes(x.IAccount)))
        }
      })
    })
  })
}
