import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  afterAddressFailure, afterCredentialFailure, secondsLocked, type FailureRecord, type LoginLimitSettings,
} from '../../../src/core/login-limits/index.ts'

const S: LoginLimitSettings = { maxFailures: 3, lockBaseSeconds: 2, lockMaxSeconds: 60, addressMaxFailuresPerMinute: 4 }

/** The record after `n` failures one second apart from `t0`. */
function failures(n: number, t0 = 1_000_000, step = 1000): FailureRecord {
  let r: FailureRecord | null = null
  for (let i = 0; i < n; i++) r = afterCredentialFailure(r, t0 + i * step, S)
  return r!
}

describe('login limit rules (issue 13 finding 3)', () => {
  test('a credential is not locked before its maxFailures-th failure, which locks it for the base time', () => {
    assert.equal(failures(2).lockedUntil, null)
    const third = failures(3)
    assert.equal(third.lockedUntil, third.lastFailureAt + 2000)
  })

  test('each further failure doubles the lock, up to the longest', () => {
    const locks = [3, 4, 5, 6, 7, 8, 9].map((n) => { const r = failures(n); return (r.lockedUntil! - r.lastFailureAt) / 1000 })
    assert.deepEqual(locks, [2, 4, 8, 16, 32, 60, 60])
  })

  test('failures are forgotten one longest lock after the last failure or lock', () => {
    const locked = failures(4)
    const later = afterCredentialFailure(locked, locked.lockedUntil! + 60_000, S)
    assert.equal(later.failures, 1)
    assert.equal(later.lockedUntil, null)
    const sooner = afterCredentialFailure(locked, locked.lockedUntil! + 59_000, S)
    assert.equal(sooner.failures, 5)
  })

  test('an address is refused after its limit of failures in a minute, until the minute ends', () => {
    let r: FailureRecord | null = null
    const minute = 60_000 * 1000
    for (let i = 0; i < 3; i++) r = afterAddressFailure(r, minute + i * 100, S)
    assert.equal(r!.lockedUntil, null)
    r = afterAddressFailure(r, minute + 500, S)
    assert.equal(r.lockedUntil, minute + 60_000)
    assert.equal(afterAddressFailure(r, minute + 60_000, S).failures, 1, 'the next minute counts afresh')
  })

  test('a lock is reported in whole seconds, at least one, and not once it ended', () => {
    assert.equal(secondsLocked(10_500, 10_000), 1)
    assert.equal(secondsLocked(12_001, 10_000), 3)
    assert.equal(secondsLocked(10_000, 10_000), null)
    assert.equal(secondsLocked(null, 10_000), null)
  })
})
