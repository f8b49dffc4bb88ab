import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { AttemptEvent, OutboundAttempt } from '../../../src/gateways/gateway.ts'
import { eventsOf, SandboxGateway, type SandboxSend } from '../../../src/gateways/sandbox/sandbox-gateway.ts'
import { until } from '../../helpers/poll.ts'

/** An attempt of `steps` to `destination` through a sandbox provider with `settings`. */
function attempt(over: Partial<OutboundAttempt> = {}, settings: unknown = null): OutboundAttempt {
  return {
    spoolId: 7, transmissionId: 3, tenantId: null, serviceFlag: 1, attempt: 1, destination: '+15550001111', origin: null,
    steps: ['originate', 'tts', 'disconnect'], content: { ref: 'tts', text: 'Hello' },
    provider: { id: 9, type: 'sandbox', host: null, port: null, username: null, password: null, prefix: null, dialstring: null, settings: settings === null ? null : JSON.stringify(settings) },
    ...over,
  }
}

// No database: the gateway imports nothing from core, so it runs against a log kept in memory.
describe('The sandbox gateway, spec/ictcore.md §5.12', () => {
  describe('eventsOf: the events a scripted outcome reports, in the port\'s vocabulary', () => {
    test('success: accepted, then delivered; a fax says its pages (default 1), digits come as collected input', () => {
      assert.deepEqual(eventsOf(attempt(), {}), [{ kind: 'accepted' }, { kind: 'delivered' }])
      const fax = attempt({ steps: ['originate', 'fax_send', 'disconnect'] })
      assert.deepEqual(eventsOf(fax, {}), [{ kind: 'accepted' }, { kind: 'delivered', pages: 1 }])
      assert.deepEqual(eventsOf(fax, { pages: 4, dtmf: '12' }), [{ kind: 'accepted' }, { kind: 'collected', dtmf: '12' }, { kind: 'delivered', pages: 4 }])
    })

    test('failures carry the scripted cause, else one per outcome; only a scripted failure is permanent', () => {
      assert.deepEqual(eventsOf(attempt(), { outcome: 'fail', cause: 'rejected' }), [{ kind: 'failed', cause: 'rejected', permanent: true }])
      assert.deepEqual(eventsOf(attempt(), { outcome: 'fail' }), [{ kind: 'failed', cause: 'failed', permanent: true }])
      assert.deepEqual(eventsOf(attempt(), { outcome: 'busy' }), [{ kind: 'failed', cause: 'busy', permanent: false }])
      assert.deepEqual(eventsOf(attempt(), { outcome: 'no_answer' }), [{ kind: 'failed', cause: 'no answer', permanent: false }])
    })
  })

  test('each send is logged before its events are reported, and the settings\' rules pick the outcome', async () => {
    const log: SandboxSend[] = []
    const gateway = new SandboxGateway(async (sends) => { log.push(...sends) })
    const script = { rules: [{ match: '^\\+1666', outcome: 'fail', cause: 'rejected' }, { match: '^\\+1777', fail_first: 1 }] }
    const reported: { spoolId: number; event: AttemptEvent; logged: number }[] = []
    const send = (a: OutboundAttempt) => gateway.send(a, async (event) => { reported.push({ spoolId: a.spoolId, event, logged: log.length }) })
    await Promise.all([
      send(attempt({ spoolId: 1 }, script)), send(attempt({ spoolId: 2, destination: '+16660000000' }, script)),
      send(attempt({ spoolId: 3, destination: '+17770000000' }, script)), send(attempt({ spoolId: 4, destination: '+17770000000', attempt: 2 }, script)),
    ])
    assert.deepEqual(log, [1, 2, 3, 4].map((spoolId, i) => ({
      tenantId: null, providerId: 9, spoolId, transmissionId: 3, serviceFlag: 1, destination: ['+15550001111', '+16660000000', '+17770000000', '+17770000000'][i], contentRef: 'tts',
    })), 'sends of one turn are logged together, in order')
    assert.ok(reported.every((r) => r.logged === 4))
    assert.deepEqual(reported.map((r) => [r.spoolId, r.event]), [
      [1, { kind: 'accepted' }], [1, { kind: 'delivered' }], [2, { kind: 'failed', cause: 'rejected', permanent: true }],
      [3, { kind: 'failed', cause: 'scripted failure', permanent: true }], [4, { kind: 'accepted' }], [4, { kind: 'delivered' }],
    ])
    await gateway.stop()
  })

  test('a delayed outcome is reported after its delay; stop drops what is still waiting', async () => {
    const gateway = new SandboxGateway(async () => {})
    const reported: number[] = []
    await gateway.send(attempt({ spoolId: 1 }, { default: { delay_ms: 20 } }), async () => { reported.push(1) })
    await gateway.send(attempt({ spoolId: 2 }, { default: { delay_ms: 3_600_000 } }), async () => { reported.push(2) })
    assert.deepEqual(reported, [])
    await until('the two events of the 20 ms delayed outcome', () => reported.length, (n) => n === 2, { timeoutMs: 5000, intervalMs: 5 })
    assert.deepEqual(reported, [1, 1])
    await gateway.stop()
  })

  test('a log that fails fails the send', async () => {
    const gateway = new SandboxGateway(async () => { throw new Error('disk full') })
    await assert.rejects(gateway.send(attempt(), async () => {}), /disk full/)
    await gateway.stop()
  })
})
