import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Progress } from '../../src/cli/progress.ts'

// Issue 19 point 3: long commands show a progress bar on a terminal and plain lines when piped.

function sink(isTTY: boolean) {
  const writes: string[] = []
  return { writes, isTTY, columns: 120, write: (t: string) => writes.push(t) }
}

describe('CLI progress', () => {
  test('on a terminal one line is redrawn in place with a bar, and ended by finish', () => {
    const s = sink(true)
    const p = new Progress('numbers added', s, 1000)
    p.update(500)
    p.update(1000)
    p.finish()
    assert.equal(s.writes[0], `\rnumbers added [${'#'.repeat(15)}${'-'.repeat(15)}] 50% 500/1,000\u001b[K`)
    assert.equal(s.writes[1], `\rnumbers added [${'#'.repeat(30)}] 100% 1,000/1,000\u001b[K`)
    assert.equal(s.writes[2], '\n')
  })

  test('piped it prints a plain line per tenth, not per update', () => {
    const s = sink(false)
    const p = new Progress('bytes read', s, 100)
    for (let i = 1; i <= 100; i++) p.update(i)
    p.finish()
    assert.equal(s.writes.length, 11)
    assert.equal(s.writes[0], 'bytes read: 1/100 (1%)\n')
    assert.equal(s.writes.at(-1), 'bytes read: 100/100 (100%)\n')
  })

  test('a changed note (a campaign\'s status) prints a line, and a total learnt later is used', () => {
    const s = sink(false)
    const p = new Progress('campaign 3', s, 0)
    p.update(0, { total: 0, note: 'new' })
    p.update(0, { total: 0, note: 'new' })
    p.update(0, { total: 5, note: 'running' })
    p.update(5, { total: 5, note: 'completed' })
    assert.deepEqual(s.writes, ['campaign 3: 0/0 (0%) new\n', 'campaign 3: 0/5 (0%) running\n', 'campaign 3: 5/5 (100%) completed\n'])
  })
})
