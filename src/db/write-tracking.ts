import type { PGlite, Transaction } from '@electric-sql/pglite'
import type pg from 'pg'
import { ConnectionWriteTracker, tableWrittenBy, type WriteFeed } from './write-feed.ts'

type QueryFn = (...args: unknown[]) => unknown

function textOf(config: unknown): string {
  if (typeof config === 'string') return config
  return (config as { text?: string } | null)?.text ?? ''
}

/** Reports the committed writes of every connection of a pg pool to `feed`. */
export function trackPoolWrites(pool: pg.Pool, feed: WriteFeed): void {
  pool.on('connect', (client) => {
    const tracker = new ConnectionWriteTracker(feed)
    const original = client.query.bind(client) as QueryFn
    ;(client as unknown as { query: QueryFn }).query = (config: unknown, values?: unknown, callback?: unknown) => {
      const text = textOf(config)
      if (typeof values === 'function') {
        callback = values
        values = undefined
      }
      if (typeof callback === 'function') {
        const cb = callback as (err: unknown, res: unknown) => void
        return original(config, values, (err: unknown, res: unknown) => {
          if (err) tracker.failed(text); else tracker.completed(text)
          cb(err, res)
        })
      }
      const result = original(config, values) as { then?: unknown; on?: (e: string, f: () => void) => void }
      if (result && typeof result.then === 'function') {
        return (result as Promise<unknown>).then(
          (r) => { tracker.completed(text); return r },
          (e) => { tracker.failed(text); throw e },
        )
      }
      // A submittable (cursor, stream): report when it ends.
      result?.on?.('end', () => tracker.completed(text))
      return result
    }
  })
}

/** Reports PGlite's committed writes: statements when they return, transactions when they commit. */
export function trackPgliteWrites(client: PGlite, feed: WriteFeed): void {
  const c = client as unknown as { query: QueryFn; exec: QueryFn; transaction: QueryFn }
  const query = c.query.bind(client)
  const exec = c.exec.bind(client)
  const transaction = c.transaction.bind(client)
  const report = (text: string, into?: Set<string>) => {
    const t = tableWrittenBy(text)
    if (!t) return
    if (into) into.add(t); else feed.committed([t])
  }
  c.query = async (text: unknown, ...rest: unknown[]) => {
    const r = await query(text, ...rest)
    report(String(text))
    return r
  }
  c.exec = async (text: unknown, ...rest: unknown[]) => {
    const r = await exec(text, ...rest)
    report(String(text))
    return r
  }
  c.transaction = async (callback: unknown) => {
    const touched = new Set<string>()
    const r = await transaction(async (tx: Transaction) => {
      const t = tx as unknown as { query: QueryFn; exec: QueryFn }
      const txQuery = t.query.bind(tx)
      const txExec = t.exec.bind(tx)
      t.query = async (text: unknown, ...rest: unknown[]) => {
        const res = await txQuery(text, ...rest)
        report(String(text), touched)
        return res
      }
      t.exec = async (text: unknown, ...rest: unknown[]) => {
        const res = await txExec(text, ...rest)
        report(String(text), touched)
        return res
      }
      return (callback as (tx: Transaction) => Promise<unknown>)(tx)
    })
    feed.committed(touched)
    return r
  }
}
