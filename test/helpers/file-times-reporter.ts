import type { TestEvent } from 'node:test/reporters'

/**
 * A node:test reporter for test/run.ts: how long each test file's top-level tests and suites took,
 * as one JSON object `{ file: ms }` at the end, so the next run can hand out files by duration.
 */
export default async function* fileTimes(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const times: Record<string, number> = {}
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      times[event.data.file] = (times[event.data.file] ?? 0) + (event.data.details.duration_ms ?? 0)
    }
  }
  yield JSON.stringify(times)
}
