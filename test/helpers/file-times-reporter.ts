import { appendFileSync } from 'node:fs'
import type { TestEvent } from 'node:test/reporters'

/**
 * A node:test reporter for test/run.ts: one JSON line per event it needs, appended at once to the
 * file SWITCHBOARD_TEST_EVENTS names (synchronously: if the process dies, what it did is on disk).
 * `{"started": file}` when a file's top-level test or suite starts, `{"file", "ms"}` when one ends.
 * The runner sums each file's time (the next run hands out files by duration) and, if the process
 * dies, knows which files it finished. It prints nothing.
 */
export default async function* fileTimes(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const path = process.env.SWITCHBOARD_TEST_EVENTS
  for await (const event of source) {
    if (!path) continue
    if (event.type === 'test:start' && event.data.nesting === 0 && event.data.file) appendFileSync(path, `${JSON.stringify({ started: event.data.file })}\n`)
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      appendFileSync(path, `${JSON.stringify({ file: event.data.file, ms: event.data.details.duration_ms ?? 0 })}\n`)
    }
  }
  // A reporter is a generator of output: this one has none.
  yield ''
}
