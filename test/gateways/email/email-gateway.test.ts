import assert from 'node:assert/strict'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { simpleParser } from 'mailparser'
import type { AttemptEvent, OutboundAttempt } from '../../../src/gateways/gateway.ts'
import { EmailGateway, renderTokens } from '../../../src/gateways/email/email-gateway.ts'
import { until } from '../../helpers/poll.ts'

const log = { info: () => {}, warn: () => {} }

test('template tokens take the contact\'s and account\'s values; unknown and missing ones stay as written', () => {
  assert.equal(
    renderTokens('Hi [contact:first_name] [contact:custom1] [account:phone] [contact:nope] [other:x]', { 'contact:first_name': 'Ada', 'account:phone': '+1555' }),
    'Hi Ada [contact:custom1] +1555 [contact:nope] [other:x]',
  )
})

test('a sendmail provider pipes the message to its program, which accepts it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-sendmail-'))
  try {
    const out = join(dir, 'message.eml')
    const program = join(dir, 'sendmail')
    writeFileSync(program, `#!/bin/sh\necho "$@" > ${dir}/args\ncat > ${out}\n`)
    chmodSync(program, 0o755)
    const gateway = new EmailGateway({ log, defaultFrom: 'switchboard@example.com' })
    const events: AttemptEvent[] = []
    const attempt: OutboundAttempt = {
      spoolId: 1, transmissionId: 1, tenantId: null, serviceFlag: 8, attempt: 1, destination: 'ada@example.net', origin: null, steps: [],
      content: { ref: 'template:1', subject: 'Hi [contact:first_name]', body: '<b>Hello</b>', bodyAlt: 'Hello', tokens: { 'contact:first_name': 'Ada' } },
      provider: { id: 9, type: 'sendmail', host: null, port: null, username: null, password: null, prefix: null, dialstring: null, settings: JSON.stringify({ path: program }) },
    }
    await gateway.send(attempt, async (e) => { events.push(e) })
    await until('delivered', () => events.map((e) => e.kind), (k) => k.includes('delivered'))
    const mail = await simpleParser(readFileSync(out))
    assert.equal(mail.subject, 'Hi Ada')
    assert.equal(mail.from?.text, 'switchboard@example.com')
    assert.equal(mail.text?.trim(), 'Hello')
    assert.match(readFileSync(join(dir, 'args'), 'utf8'), /ada@example\.net/)
    await gateway.stop()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
