import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, test } from 'node:test'
import Fastify, { type FastifyBaseLogger } from 'fastify'
import pino from 'pino'
import { registerRequestLog } from '../../src/http/request-log.ts'
import { requestLoggerFactory } from '../../src/http/request-logger.ts'

function capture(level: string) {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(JSON.parse(String(chunk))); cb() } })
  const app = Fastify({ loggerInstance: pino({ level }, stream) as FastifyBaseLogger, childLoggerFactory: requestLoggerFactory, disableRequestLogging: true })
  app.decorateRequest('dialect', 'system')
  return { app, lines }
}

describe('request loggers', () => {
  test('what a request logs carries its request id, child bindings included', async () => {
    const { app, lines } = capture('info')
    app.get('/x', async (req) => {
      req.log.info({ step: 1 }, 'one')
      req.log.child({ part: 'db' }).warn('two')
      return 'ok'
    })
    const res = await app.inject({ method: 'GET', url: '/x' })
    assert.equal(res.statusCode, 200)
    assert.equal(lines.length, 2)
    assert.equal(lines[0]!.msg, 'one')
    assert.equal(lines[0]!.step, 1)
    assert.ok(lines[0]!.reqId)
    assert.equal(lines[1]!.msg, 'two')
    assert.equal(lines[1]!.part, 'db')
    assert.equal(lines[1]!.reqId, lines[0]!.reqId)
  })

  test('levels below the logger level write nothing; the level reads as the logger\'s', async () => {
    const { app, lines } = capture('warn')
    app.get('/x', async (req) => {
      req.log.debug('d')
      req.log.info('i')
      req.log.error('e')
      return req.log.level
    })
    const res = await app.inject({ method: 'GET', url: '/x' })
    assert.equal(res.body, 'warn')
    assert.deepEqual(lines.map((l) => l.msg), ['e'])
    assert.ok(lines[0]!.reqId)
  })

  test('a level raised on one request applies to that request only', async () => {
    const { app, lines } = capture('warn')
    app.get('/x', async (req) => {
      if (req.query && (req.query as { v?: string }).v) req.log.level = 'debug'
      req.log.debug('d')
      return 'ok'
    })
    await app.inject({ method: 'GET', url: '/x?v=1' })
    await app.inject({ method: 'GET', url: '/x' })
    assert.deepEqual(lines.map((l) => l.msg), ['d'])
  })

  test('the request log writes one line per request at info, by route pattern, and nothing below info', async () => {
    for (const level of ['info', 'warn']) {
      const { app, lines } = capture(level)
      registerRequestLog(app)
      app.get('/users/:id', async () => 'ok')
      await app.inject({ method: 'GET', url: '/users/42?key=secret' })
      const logged = lines.filter((l) => l.msg === 'request')
      if (level === 'warn') {
        assert.equal(logged.length, 0)
        continue
      }
      assert.equal(logged.length, 1)
      assert.equal(logged[0]!.route, '/users/:id')
      assert.equal(logged[0]!.status, 200)
      assert.ok(!JSON.stringify(logged[0]).includes('secret'))
    }
  })

  test('answered health probes and metric scrapes are debug lines; a failing probe is an info line', async () => {
    const { app, lines } = capture('debug')
    registerRequestLog(app)
    let healthy = true
    app.get('/healthz', async (_req, reply) => (healthy ? 'ok' : reply.code(503).send('down')))
    app.get('/metrics', async () => 'm 1')
    await app.inject({ method: 'GET', url: '/healthz' })
    await app.inject({ method: 'GET', url: '/metrics' })
    healthy = false
    await app.inject({ method: 'GET', url: '/healthz' })
    const logged = lines.filter((l) => l.msg === 'request').map((l) => [l.route, l.status, l.level])
    assert.deepEqual(logged, [['/healthz', 200, 20], ['/metrics', 200, 20], ['/healthz', 503, 30]])
  })
})
