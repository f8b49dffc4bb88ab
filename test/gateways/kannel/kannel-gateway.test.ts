import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import type { AttemptEvent, OutboundAttempt } from '../../../src/gateways/gateway.ts'
import { KannelGateway } from '../../../src/gateways/kannel/kannel-gateway.ts'
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
