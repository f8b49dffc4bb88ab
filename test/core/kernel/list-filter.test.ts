import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Invalid } from '../../../src/core/errors.ts'
import { users } from '../../../src/core/users/users.table.ts'
import { listWindow, type FilterSpec } from '../../../src/core/kernel/list-filter.ts'

const spec: FilterSpec = { exact: { id: { column: users.id, kind: 'int' }, active: { column: users.active, kind: 'bool' } }, text: { username: users.username } }

describe('list filters and paging', () => {
  test('unknown and empty filters are ignored', () => {
    assert.equal(listWindow(spec, { filters: { nope: 'x', id: '' } }).where, undefined)
  })
  test('bad integers, flags and paging values are Invalid for their name', () => {
    for (const [q, field] of [[{ filters: { id: '1.5' } }, 'id'], [{ filters: { active: 'yes' } }, 'active'], [{ limit: '0' }, 'limit'], [{ limit: 'x' }, 'limit'], [{ offset: '-1' }, 'offset']] as const) {
      assert.throws(() => listWindow(spec, q), (e: Invalid) => e instanceof Invalid && e.field === field)
    }
  })
  test('limits are capped by the collection maximum and default to none', () => {
    assert.equal(listWindow(spec, {}).limit, undefined)
    assert.equal(listWindow(spec, { limit: '9000' }, { limit: 5000, max: 5000 }).limit, 5000)
    assert.equal(listWindow(spec, {}, { limit: 5000, max: 5000 }).limit, 5000)
    assert.equal(listWindow(spec, { offset: '7' }).offset, 7)
  })
})
