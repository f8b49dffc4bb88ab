import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import type { AttemptEvent, OutboundAttempt } from '../../../src/gateways/gateway.ts'
import { KannelGateway } from '../../../src/gateways/kannel/kannel-gateway.ts'
import { hmacHex } from '../../../src/gateways/signatures.ts'
import { freePort } from '../../helpers/kannel.ts'
import { until } from '../../helpers/poll.ts'

const log = { info: () => {}, warn: () => {} }

test('a Kannel that does not answer fails the attempt as temporary after its retries, is down, and is up again once it answers', async () => {
  const port = await freePort()
  const gateway = new KannelGateway({ log, publicBaseUrl: 'http://127.0.0.1:1', callbackKey: randomBytes(32) })
  const attempt: OutboundAttempt = {
    spoolId: 7, transmissionId: 7, tenantId: null, serviceFlag: 4, attempt: 1, destination: '+15550001111', origin: '+15550000000', steps: [],
    content: { ref: 'text:1', text: 'hi' },
    provider: { id: 3, type: 'http', host: '127.0.0.1', port, username: 'u', password: 'p', prefix: null, dialstring: null, settings: JSON.stringify({ retry_max: 1, retry_backoff_ms: 10 }) },
  }
  const events: AttemptEvent[] = []
  await gateway.send(attempt, async (e) => { events.push(e) })
  assert.equal(events.length, 1)
  assert.deepEqual({ ...events[0], cause: undefined }, { kind: 'failed', cause: undefined, permanent: false })
  assert.match((events[0] as { cause: string }).cause, /^kannel ECONNREFUSED/)
  const down = gateway.health(3)!
  assert.equal(down.state, 'down')
  assert.equal(down.errorsLast5m, 2, 'the first try and its one retry')
  // smsbox comes back: any answer (a 4xx to a bare request) brings the provider up.
  const smsbox = createServer((_req, res) => res.writeHead(400).end('Missing receiver number'))
  await new Promise<void>((resolve) => smsbox.listen(port, '127.0.0.1', resolve))
  try {
    await until('the provider up again', () => gateway.health(3)!.state, (s) => s === 'up', { timeoutMs: 10_000 })
  } finally {
    await gateway.stop()
    await new Promise<void>((resolve) => smsbox.close(() => resolve()))
  }
})

test('a delivery report that arrives before Kannel\'s answer to the sendsms is kept and applied after the acceptance, once', async () => {
  const key = randomBytes(32)
  const gateway = new KannelGateway({ log, publicBaseUrl: 'http://127.0.0.1:1', callbackKey: key })
  const provider = { id: 4, type: 'http' as const, host: '127.0.0.1', port: 0, username: 'u', password: 'p', prefix: null, dialstring: null, settings: JSON.stringify({ complete_on: 'delivery' }) }
  const events: AttemptEvent[] = []
  const context = { inbound: async () => ({ accepted: true as const }), earlier: async () => new Map() }
  const dlr = (type: number) => {
    const path = `/native/gateways/4/kannel/dlr`
    return gateway.peerRequest(provider, { entry: 'kannel/dlr', path, query: `spool=9&type=${type}&smsc_id=fake&reply=&sig=${hmacHex(key, `${path}?spool=9`)}`, headers: {}, body: null }, context)
  }
  // smsbox answers only after Kannel already called the DLR URL back.
  const smsbox = createServer((_req, res) => {
    void dlr(1).then((answer) => {
      assert.equal(answer.status, 200)
      res.writeHead(202).end('0: Accepted for delivery')
    })
  })
  await new Promise<void>((resolve) => smsbox.listen(0, '127.0.0.1', resolve))
  provider.port = (smsbox.address() as { port: number }).port
  try {
    await gateway.send({
      spoolId: 9, transmissionId: 9, tenantId: null, serviceFlag: 4, attempt: 1, destination: '+15550001111', origin: null, steps: [], content: { ref: 'text:1', text: 'hi' }, provider,
    }, async (e) => { events.push(e) })
    assert.deepEqual(events, [{ kind: 'accepted', peerIds: ['spool:9'] }, { kind: 'report', state: 'delivered', final: true }, { kind: 'delivered' }])
    assert.deepEqual(await dlr(1), { status: 200, body: 'already applied' })
    assert.equal(events.length, 3, 'the repeat changed nothing')
  } finally {
    await gateway.stop()
    await new Promise<void>((resolve) => smsbox.close(() => resolve()))
  }
})
