import assert from 'node:assert/strict'
import { setTimeout as delay } from 'node:timers/promises'
import { inspect } from 'node:util'

// Tests wait on observable state, never on a fixed sleep (house style): the dispatcher, a child
// process or another connection works asynchronously, so a test polls what a user would look at.

export interface PollOptions {
  /** Fails after this long (default 30 s: generous on a loaded machine, well inside --test-timeout). */
  timeoutMs?: number
  /** Pause between two probes (default 25 ms; a probe through PGlite's one connection slows the code under test). */
  intervalMs?: number
}

type Probe<T> = () => T | Promise<T>

const show = (v: unknown) => inspect(v, { depth: 4, breakLength: Infinity, maxArrayLength: 10, maxStringLength: 500 })

/**
 * Probes until a value is acceptable and resolves to that value: to the first one `accept` takes,
 * or without `accept` to the first one that is not undefined. Fails naming `what` and the last value seen.
 */
export async function until<T>(what: string, probe: Probe<T | undefined>, options?: PollOptions): Promise<T>
export async function until<T>(what: string, probe: Probe<T>, accept: (value: T) => boolean, options?: PollOptions): Promise<T>
export async function until<T>(what: string, probe: Probe<T>, acceptOrOptions?: ((value: T) => boolean) | PollOptions, maybeOptions?: PollOptions): Promise<T> {
  const accept = typeof acceptOrOptions === 'function' ? acceptOrOptions : (v: T) => v !== undefined
  const { timeoutMs = 30_000, intervalMs = 25 } = (typeof acceptOrOptions === 'function' ? maybeOptions : acceptOrOptions) ?? {}
  const started = Date.now()
  for (;;) {
    const value = await probe()
    if (accept(value)) return value
    if (Date.now() - started >= timeoutMs) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}; last value seen: ${show(value)}`)
    await delay(intervalMs)
  }
}

/**
 * For what must NOT happen within a period (a paused campaign sends nothing, a resting loop does
 * not turn): probes through a time window of `forMs` and fails as soon as a value is not acceptable.
 * The window is a deliberate length of time, not a wait for something; resolves to the last value.
 */
export async function holdsFor<T>(what: string, probe: Probe<T>, accept: (value: T) => boolean, options: { forMs: number; intervalMs?: number }): Promise<T> {
  const { forMs, intervalMs = 25 } = options
  const started = Date.now()
  for (;;) {
    const value = await probe()
    if (!accept(value)) assert.fail(`${what} stopped holding after ${Date.now() - started} ms of ${forMs}: value ${show(value)}`)
    if (Date.now() - started >= forMs) return value
    await delay(intervalMs)
  }
}
