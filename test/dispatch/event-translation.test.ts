import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { deliveryEventsOf } from '../../src/dispatch/event-translation.ts'

const CALL = ['originate', 'tts', 'disconnect']
const FAX = ['originate', 'fax_send', 'disconnect']

// No database: the port's vocabulary (spec/gateways.md §1) in core's (spec/ictcore.md §7.2, §7.5).
describe('deliveryEventsOf: what a gateway reports, as core records it', () => {
  test('accepted connects; collected digits are input', () => {
    assert.deepEqual(deliveryEventsOf({ kind: 'accepted' }, CALL), [{ kind: 'accepted' }])
    assert.deepEqual(deliveryEventsOf({ kind: 'collected', dtmf: '1#' }, CALL), [{ kind: 'input', digits: '1#' }])
  })

  test('accepted with the peer\'s message ids stores each as info/message_id; delivery reports are info/delivery or info/delivery_state (spec/gateways.md §1)', () => {
    assert.deepEqual(deliveryEventsOf({ kind: 'accepted', peerIds: ['a1', 'a2'] }, ['sms_send']), [
      { kind: 'accepted' }, { kind: 'info', name: 'message_id', data: 'a1' }, { kind: 'info', name: 'message_id', data: 'a2' },
    ])
    assert.deepEqual(deliveryEventsOf({ kind: 'report', state: 'undeliverable', final: true }, ['sms_send']), [{ kind: 'info', name: 'delivery', data: 'undeliverable' }])
    assert.deepEqual(deliveryEventsOf({ kind: 'report', state: 'enroute', final: false }, ['sms_send']), [{ kind: 'info', name: 'delivery_state', data: 'enroute' }])
  })

  test('delivered: every step succeeded, then completed', () => {
    assert.deepEqual(deliveryEventsOf({ kind: 'delivered' }, CALL), [
      { kind: 'step', step: 'originate', ok: true }, { kind: 'step', step: 'tts', ok: true }, { kind: 'step', step: 'disconnect', ok: true }, { kind: 'completed' },
    ])
    assert.deepEqual(deliveryEventsOf({ kind: 'delivered' }, []), [{ kind: 'completed' }])
  })

  test('a delivered fax records its pages just before its fax_send step', () => {
    assert.deepEqual(deliveryEventsOf({ kind: 'delivered', pages: 4 }, FAX), [
      { kind: 'step', step: 'originate', ok: true }, { kind: 'pages', pages: 4 }, { kind: 'step', step: 'fax_send', ok: true },
      { kind: 'step', step: 'disconnect', ok: true }, { kind: 'completed' },
    ])
    assert.deepEqual(deliveryEventsOf({ kind: 'delivered', pages: 2 }, ['sms_send']), [
      { kind: 'step', step: 'sms_send', ok: true }, { kind: 'pages', pages: 2 }, { kind: 'completed' },
    ], 'without a fax step, pages come last')
  })

  test('failed, permanent or temporary: the first step failed, then the attempt with the cause', () => {
    for (const permanent of [true, false]) {
      assert.deepEqual(deliveryEventsOf({ kind: 'failed', cause: 'busy', permanent }, CALL), [
        { kind: 'step', step: 'originate', ok: false }, { kind: 'failed', cause: 'busy' },
      ])
    }
    assert.deepEqual(deliveryEventsOf({ kind: 'failed', cause: 'rejected', permanent: true }, []), [{ kind: 'failed', cause: 'rejected' }])
  })
})
