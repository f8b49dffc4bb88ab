import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { testLogger } from '../helpers/app.ts'
import { sweepUnlearned, takeSweepFinds } from '../helpers/secret-sweep.ts'

// The sweep of issue 13 point 11 (test/helpers/secret-sweep.ts) is what fails the run when a reply
// or a log line shows a secret: these make it find one on purpose, then take the finds back.

describe('the secret sweep', () => {
  let app: FastifyInstance
  before(async () => {
    app = Fastify({ loggerInstance: testLogger() as FastifyBaseLogger })
    // A careless server: it keeps the last password it was sent and shows it.
    let lastPassword = ''
    app.post('/login', async (req, reply) => {
      const { password } = req.body as { password: string }
      lastPassword = password
      return password === 'right-password-1' ? { ok: true } : reply.code(401).send({ ok: false })
    })
    app.post('/note', async (req) => {
      lastPassword = (req.body as { password: string }).password
      return { ok: true }
    })
    app.get('/profile', async () => ({ name: 'Jane', hint: lastPassword }))
    app.get('/log', async (req) => {
      req.log.info({ note: lastPassword }, 'a careless log line')
      return { ok: true }
    })
    await app.ready()
  })
  after(async () => { await app.close() })

  test('a password a client logged in with, shown in a later reply body, is a find', async () => {
    await app.inject({ method: 'POST', url: '/login', payload: { password: 'right-password-1' } })
    await app.inject({ method: 'GET', url: '/profile' })
    const finds = takeSweepFinds()
    assert.equal(finds.length, 1, finds.join('\n'))
    assert.match(finds[0]!, /^GET \/profile → 200 body: shows a secret/)
  })

  test('a secret in a log line is a find', async () => {
    await app.inject({ method: 'POST', url: '/login', payload: { password: 'right-password-1' } })
    await app.inject({ method: 'GET', url: '/log' })
    const finds = takeSweepFinds()
    assert.ok(finds.some((f) => f.startsWith('log line: shows a secret')), finds.join('\n'))
  })

  test('a value the server refused, or sent while fuzzing, is not learned', async () => {
    await app.inject({ method: 'POST', url: '/login', payload: { password: 'wrong-guess-22' } })
    await app.inject({ method: 'GET', url: '/profile' })
    await sweepUnlearned(() => app.inject({ method: 'POST', url: '/note', payload: { password: 'fuzzed-value-333' } }))
    await app.inject({ method: 'GET', url: '/profile' })
    assert.deepEqual(takeSweepFinds(), [])
  })
})
