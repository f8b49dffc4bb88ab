import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, test } from 'node:test'
import { createLogger } from '../src/logger.ts'

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = []
  return { stream: new Writable({ write(c, _e, done) { chunks.push(String(c)); done() } }), text: () => chunks.join('') }
}

describe('the process logger', () => {
  test('pretty writes a human line: time, level name, message, fields, secrets redacted', () => {
    const out = sink()
    createLogger('info', out.stream, 'pretty').info({ route: '/api/users/:id', password: 'hunter2-secret' }, 'request')
    const line = out.text()
    assert.match(line, /^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: request\n/)
    assert.match(line, /route: "\/api\/users\/:id"/)
    assert.ok(!line.includes('hunter2-secret'))
    assert.throws(() => JSON.parse(line))
  })

  test('json (and auto when writing to a given destination) writes one JSON object per line', () => {
    for (const format of ['json', 'auto'] as const) {
      const out = sink()
      createLogger('info', out.stream, format).info({ passwd: 'hunter2-secret' }, 'hello')
      const line = JSON.parse(out.text()) as { level: number; msg: string; passwd: string }
      assert.deepEqual([line.level, line.msg, line.passwd], [30, 'hello', '[redacted]'])
    }
  })
})
