import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { Conflict, Forbidden, Invalid, Locked, NotFound } from '../../../src/core/errors.ts'
import { emailRule, phoneRule, textRule } from '../../../src/core/kernel/field-rules.ts'
import {
  actorForUser, changeUserPassword, createPermission, createRole, createUser, deleteRole, deleteUser, getUser, isTokenRevoked,
  listRoles, listUsers, revokeToken, setRolePermission, setUserRole, updateUser,
} from '../../../src/core/users/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

describe('user field rules', () => {
  test('phones are normalised and checked', () => {
    assert.equal(phoneRule('phone', '+1 (555) 010-99.99'), '+15550109999')
    assert.throws(() => phoneRule('phone', '12'), Invalid)
    assert.throws(() => phoneRule('phone', '1'.repeat(21)), Invalid)
    assert.equal(phoneRule('phone', null), null)
  })
  test('emails and text lengths are checked', () => {
    assert.equal(emailRule('email', 'a@b.co'), 'a@b.co')
    assert.throws(() => emailRule('email', 'a@b'), Invalid)
    assert.throws(() => emailRule('email', `${'a'.repeat(250)}@b.co`), Invalid)
    assert.throws(() => textRule('name', 'x'.repeat(256)), (e: Invalid) => e.code === 'too_long')
  })
})

for (const kind of TEST_DATABASES) {
  describe(`core user management (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind) })
    after(async () => { await app.stop() })

    test('an admin creates users in its own tenant; a plain user is refused', async () => {
      const r = await app.reseller()
      const admin = await actorForUser(app.core, (await app.user(r.id, { roles: ['admin', 'user'] })).id)
      const id = await createUser(app.core, admin, { username: 'core-made', password: 'secret-1', email: 'cm@example.com' })
      const u = await getUser(app.core, admin, id)
      assert.equal(u.tenantId, r.id)
      assert.equal(u.isAdmin, false)
      const plain = await actorForUser(app.core, id)
      await assert.rejects(createUser(app.core, plain, { username: 'nope', password: 'secret-1' }), Forbidden)
      await assert.rejects(createUser(app.core, admin, { username: 'core-made', password: 'secret-1' }), Conflict)
      await assert.rejects(createUser(app.core, admin, { username: 'other', password: 'secret-1', email: 'CM@example.com' }), (e: Conflict) => e.field === 'email')
    })

    test('lists are scoped: non-admins see themselves, reseller admins their tenant, platform admins all', async () => {
      const r1 = await app.reseller()
      const r2 = await app.reseller()
      const a1 = await actorForUser(app.core, (await app.user(r1.id, { roles: ['admin', 'user'] })).id)
      const u1 = await app.user(r1.id)
      const u2 = await app.user(r2.id)
      const platform = await actorForUser(app.core, (await app.user(null, { roles: ['admin', 'user'] })).id)
      assert.deepEqual((await listUsers(app.core, a1)).map((u) => u.id).sort(), [a1.userId, u1.id].sort())
      assert.deepEqual((await listUsers(app.core, await actorForUser(app.core, u1.id))).map((u) => u.id), [u1.id])
      const all = (await listUsers(app.core, platform)).map((u) => u.id)
      assert.ok(all.includes(u1.id) && all.includes(u2.id))
      await assert.rejects(getUser(app.core, a1, u2.id), NotFound)
      await assert.rejects(listUsers(app.core, a1, { filters: { id: 'x' } }), (e: Invalid) => e.field === 'id')
    })

    test('role changes reach the cached actor at once', async () => {
      const platform = await actorForUser(app.core, (await app.user(null, { roles: ['admin', 'user'] })).id)
      const u = await app.user(null)
      assert.equal((await actorForUser(app.core, u.id)).isAdmin, false)
      const adminRole = (await listRoles(app.core, platform, { filters: { name: 'admin' } })).find((r) => r.name === 'admin')!
      await setUserRole(app.core, platform, u.id, adminRole.id, true)
      assert.equal((await actorForUser(app.core, u.id)).isAdmin, true)
      const roleId = await createRole(app.core, platform, { name: 'core-role' })
      const permId = await createPermission(app.core, platform, { name: 'core_perm' })
      await setUserRole(app.core, platform, u.id, roleId, true)
      await setRolePermission(app.core, platform, roleId, permId, true)
      assert.ok((await actorForUser(app.core, u.id)).permissions.has('core_perm'))
      await deleteRole(app.core, platform, roleId)
      assert.ok(!(await actorForUser(app.core, u.id)).permissions.has('core_perm'))
      await assert.rejects(deleteRole(app.core, platform, adminRole.id), Locked)
    })

    test('deactivating or deleting a user ends its actor; nobody deletes itself', async () => {
      const platform = await actorForUser(app.core, (await app.user(null, { roles: ['admin', 'user'] })).id)
      const u = await app.user(null)
      await actorForUser(app.core, u.id)
      await updateUser(app.core, platform, u.id, { active: false })
      await assert.rejects(actorForUser(app.core, u.id))
      await assert.rejects(deleteUser(app.core, platform, platform.userId!), Locked)
      await deleteUser(app.core, platform, u.id)
      await assert.rejects(getUser(app.core, platform, u.id), NotFound)
    })

    test('a non-admin changes only its own password', async () => {
      const me = await app.user(null)
      const other = await app.user(null)
      const actor = await actorForUser(app.core, me.id)
      await changeUserPassword(app.core, actor, me.id, 'fresh-password')
      await assert.rejects(changeUserPassword(app.core, actor, other.id, 'fresh-password'), NotFound)
      await assert.rejects(changeUserPassword(app.core, actor, me.id, 'short'), Invalid)
    })

    test('revoked tokens are remembered, and the "not revoked" cache is dropped on revocation', async () => {
      assert.equal(await isTokenRevoked(app.core, 'jti-1'), false)
      await revokeToken(app.core, 'jti-1', new Date(Date.now() + 60_000))
      assert.equal(await isTokenRevoked(app.core, 'jti-1'), true)
      await revokeToken(app.core, 'jti-old', new Date(Date.now() - 1000))
      await revokeToken(app.core, 'jti-2', new Date(Date.now() + 60_000))
      assert.equal(await isTokenRevoked(app.core, 'jti-old'), false, 'expired rows are swept')
    })
  })
}
