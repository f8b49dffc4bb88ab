import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { COMMANDS } from '../../src/cli/commands/index.ts'
import { commandHelp, generalHelp, synopsis } from '../../src/cli/help.ts'

describe('switchboard help', () => {
  test('--help lists every command with its summary', () => {
    const help = generalHelp(COMMANDS)
    for (const c of COMMANDS) assert.match(help, new RegExp(`^  ${c.name} +${c.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'))
  })

  for (const c of COMMANDS) {
    test(`${c.name} --help shows its synopsis, every option with what it does, and an example`, () => {
      const help = commandHelp(c)
      assert.ok(help.startsWith(`usage: switchboard ${synopsis(c)}\n`))
      for (const [name, o] of Object.entries(c.options)) {
        assert.ok(o.description.length > 0, `--${name} says what it does`)
        assert.match(help, new RegExp(`^  --${name}\\b.*${o.required ? '\\(required\\)' : ''}`, 'm'))
      }
      assert.ok(c.examples.length > 0, 'an example')
      for (const e of c.examples) assert.ok(e.startsWith(`npx switchboard ${c.name}`) || e.includes(` npx switchboard ${c.name}`), e)
    })
  }

  test('the synopsis shows required options bare and the others in brackets', () => {
    const numbersAdd = COMMANDS.find((c) => c.name === 'numbers add')!
    assert.equal(synopsis(numbersAdd), 'numbers add --region REGION --type NUMBERTYPE --count N [--reseller ID] [--json]')
  })
})
