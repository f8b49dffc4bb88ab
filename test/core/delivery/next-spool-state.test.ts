import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { DeliveryEvent } from '../../../src/core/delivery/index.ts'
import { mayEnd, nextSpoolState, type ResultRow, type SpoolBefore } from '../../../src/core/delivery/next-spool-state.ts'

const started: SpoolBefore = { status: 'started', programType: 'voicetts', results: [] }
const connected: SpoolBefore = { status: 'connected', programType: 'voicetts', results: [] }
const step = (name: string, ok = true): DeliveryEvent => ({ kind: 'step', step: name, ok })
const app = (name: string, data = 'success'): ResultRow => ({ type: 'application', name, data })
const CALL_OK: DeliveryEvent[] = [{ kind: 'connected' }, step('originate'), step('tts'), step('disconnect'), { kind: 'completed' }]

// No database: the state change of spec/ictcore.md §7.1, §7.2, §7.5 alone.
describe('nextSpoolState: a spool and its events → its next state, result rows and the transmission\'s outcome', () => {
  test('acceptance connects a started spool, and says so once', () => {
    assert.deepEqual(nextSpoolState(started, [{ kind: 'accepted' }]), {
      spool: { status: 'connected', connected: true, response: null }, results: [], ended: false, transmission: null,
    })
    assert.deepEqual(nextSpoolState(connected, [{ kind: 'connected' }]).spool, { status: 'connected', connected: false, response: null })
  })

  test('the peer\'s reply with an acceptance is the spool\'s response, also once it completed (an email server\'s 2xx line)', () => {
    const reply = '250 2.0.0 Ok: queued as 4F2A1'
    const next = nextSpoolState({ status: 'started', programType: 'sendemail', results: [] }, [{ kind: 'accepted', response: reply }, step('email_send'), { kind: 'completed' }])
    assert.deepEqual(next.spool, { status: 'completed', connected: true, response: reply })
    assert.deepEqual(next.transmission, { ok: true, response: null })
  })

  test('a connected call whose steps succeed completes, with a row per step, and its transmission succeeds', () => {
    assert.deepEqual(nextSpoolState(started, CALL_OK), {
      spool: { status: 'completed', connected: true, response: null },
      results: [app('originate'), app('tts'), app('disconnect')],
      ended: true,
      transmission: { ok: true, response: null },
    })
  })

  test('an info event is a result row, also on a spool that is final already (a delivery report after completion), and changes no state', () => {
    const info: DeliveryEvent = { kind: 'info', name: 'delivery', data: 'delivered' }
    assert.deepEqual(nextSpoolState({ status: 'completed', programType: 'sendsms', results: [] }, [info, { kind: 'failed', cause: 'late' }]), {
      spool: null, results: [{ type: 'info', name: 'delivery', data: 'delivered' }], ended: false, transmission: null,
    })
    const next = nextSpoolState({ status: 'started', programType: 'sendsms', results: [] }, [{ kind: 'accepted' }, { kind: 'info', name: 'message_id', data: 'm1' }])
    assert.deepEqual(next.spool, { status: 'connected', connected: true, response: null })
    assert.deepEqual(next.results, [{ type: 'info', name: 'message_id', data: 'm1' }])
  })

  test('completed without a connection ends failed as not connected', () => {
    const next = nextSpoolState(started, [step('tts'), { kind: 'completed' }])
    assert.deepEqual(next.spool, { status: 'failed', connected: false, response: 'not connected' })
    assert.deepEqual(next.results, [app('tts'), { type: 'error', name: 'error', data: 'not connected' }])
    assert.deepEqual(next.transmission, { ok: false, response: 'not connected' })
  })

  test('a failure ends the spool with its cause, as an error row and the transmission\'s response', () => {
    const next = nextSpoolState(started, [step('originate', false), { kind: 'failed', cause: 'busy' }])
    assert.deepEqual(next.spool, { status: 'failed', connected: false, response: 'busy' })
    assert.deepEqual(next.results, [app('originate', 'error'), { type: 'error', name: 'error', data: 'busy' }])
    assert.deepEqual([next.ended, next.transmission], [true, { ok: false, response: 'busy' }])
  })

  test('a completed spool whose steps break the success rule fails its transmission', () => {
    const next = nextSpoolState(started, [{ kind: 'connected' }, step('originate'), step('tts', false), { kind: 'completed' }])
    assert.equal(next.spool?.status, 'completed')
    assert.deepEqual(next.transmission, { ok: false, response: 'success rule not met' })
  })

  test('the success rule reads the rows recorded before with the new ones', () => {
    const earlier: SpoolBefore = { ...connected, results: [app('originate'), app('tts')] }
    assert.deepEqual(nextSpoolState(earlier, [{ kind: 'completed' }]).transmission, { ok: true, response: null })
    assert.deepEqual(nextSpoolState(connected, [{ kind: 'completed' }]).transmission, { ok: false, response: 'success rule not met' })
    // A later row of the same step wins.
    const overruled: SpoolBefore = { ...connected, results: [app('originate'), app('tts')] }
    assert.deepEqual(nextSpoolState(overruled, [step('tts', false), { kind: 'completed' }]).transmission, { ok: false, response: 'success rule not met' })
  })

  test('a fax succeeds only with pages sent; a spool whose program is gone succeeds on completion', () => {
    const fax: SpoolBefore = { status: 'started', programType: 'sendfax', results: [] }
    const faxEvents = (pages: number): DeliveryEvent[] => [{ kind: 'accepted' }, step('originate'), { kind: 'pages', pages }, step('fax_send'), step('disconnect'), { kind: 'completed' }]
    const sent = nextSpoolState(fax, faxEvents(3))
    assert.deepEqual(sent.results, [app('originate'), { type: 'info', name: 'pages', data: '3' }, app('fax_send'), app('disconnect')])
    assert.deepEqual(sent.transmission, { ok: true, response: null })
    assert.deepEqual(nextSpoolState(fax, faxEvents(0)).transmission, { ok: false, response: 'success rule not met' })
    assert.deepEqual(nextSpoolState({ status: 'started', programType: null, results: [] }, [{ kind: 'accepted' }, { kind: 'completed' }]).transmission, { ok: true, response: null })
  })

  test('digits are an info/dtmf row and change no state', () => {
    assert.deepEqual(nextSpoolState(connected, [{ kind: 'input', digits: '42' }]), {
      spool: { status: 'connected', connected: false, response: null }, results: [{ type: 'info', name: 'dtmf', data: '42' }], ended: false, transmission: null,
    })
  })

  test('events apply in order and stop at the end', () => {
    const next = nextSpoolState(started, [{ kind: 'failed', cause: 'first' }, { kind: 'connected' }, step('tts'), { kind: 'completed' }])
    assert.deepEqual(next.spool, { status: 'failed', connected: false, response: 'first' })
    assert.deepEqual(next.results, [{ type: 'error', name: 'error', data: 'first' }])
  })

  test('a final spool never changes', () => {
    for (const status of ['completed', 'failed'] as const) {
      assert.deepEqual(nextSpoolState({ status, programType: 'voicetts', results: [] }, CALL_OK), { spool: null, results: [], ended: false, transmission: null })
    }
  })

  test('a spool with no events is touched but unchanged', () => {
    assert.deepEqual(nextSpoolState(started, []), { spool: { status: 'started', connected: false, response: null }, results: [], ended: false, transmission: null })
  })

  test('causes, step names and digits are cut to 255 characters', () => {
    const long = 'x'.repeat(300)
    const next = nextSpoolState(started, [step(long), { kind: 'input', digits: '1'.repeat(300) }, { kind: 'failed', cause: long }])
    assert.equal(next.spool?.response, 'x'.repeat(255))
    assert.equal(next.transmission?.response, 'x'.repeat(255))
    assert.deepEqual(next.results.map((r) => [r.name.length, r.data.length]), [[255, 7], [4, 255], [5, 255]])
  })

  test('mayEnd: only completed or failed can end an attempt', () => {
    assert.equal(mayEnd([{ kind: 'accepted' }, { kind: 'input', digits: '1' }, step('tts')]), false)
    assert.equal(mayEnd([{ kind: 'accepted' }, { kind: 'completed' }]), true)
    assert.equal(mayEnd([{ kind: 'failed', cause: 'busy' }]), true)
  })
})
