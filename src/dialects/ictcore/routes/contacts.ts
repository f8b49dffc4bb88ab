import type { DialectOptions } from '../../dialect.ts'
import {
  createContact, deleteContact, getContact, linkContact, listContacts, unlinkContact, updateContact, type Contact, type ContactFields,
} from '../../../core/contacts/index.ts'
import { bodyObject, listQueryIn, ts, wireStr } from '../codec.ts'
import type { IctcoreRouter } from '../router.ts'

/** Contact body (§5.3) → core fields; `phone` may arrive as a JSON number. */
export function contactIn(body: unknown): ContactFields {
  const b = bodyObject(body)
  return {
    firstName: wireStr(b, 'first_name'), lastName: wireStr(b, 'last_name'), phone: wireStr(b, 'phone', true), email: wireStr(b, 'email'),
    address: wireStr(b, 'address'), custom1: wireStr(b, 'custom1'), custom2: wireStr(b, 'custom2'), custom3: wireStr(b, 'custom3'),
    description: wireStr(b, 'description'),
  }
}

/** Contact (§5.3): every field. */
export function contactOut(c: Contact) {
  return {
    contact_id: c.id, first_name: c.firstName, last_name: c.lastName, phone: c.phone, email: c.email, address: c.address,
    custom1: c.custom1, custom2: c.custom2, custom3: c.custom3, description: c.description,
    user_id: c.userId, date_created: ts(c.createdAt), last_updated: ts(c.updatedAt),
  }
}

/** Contact list filters (§6): wire key → core filter name. */
export const CONTACT_FILTERS: Record<string, string> = {
  contact_id: 'id', group_id: 'groupId', user_id: 'userId', created_by: 'userId', first_name: 'firstName', last_name: 'lastName', phone: 'phone',
  email: 'email', address: 'address', custom1: 'custom1', custom2: 'custom2', custom3: 'custom3', description: 'description',
}

/** `/contacts` (spec/ictcore.md §4.4) and the group link relation. */
export function contactRoutes(r: IctcoreRouter, { core }: DialectOptions): void {
  r.post('/contacts', async ({ actor, body }) => createContact(core, actor, contactIn(body)), { summary: 'Create a contact' })
  r.get('/contacts', async ({ req, actor, query }) => (await listContacts(core, actor, listQueryIn(req, query, CONTACT_FILTERS))).map(contactOut))
  r.get('/contacts/:contact_id', async ({ actor, params }) => contactOut(await getContact(core, actor, params.contact_id as number)))
  r.put('/contacts/:contact_id', async ({ actor, params, body }) => contactOut(await updateContact(core, actor, params.contact_id as number, contactIn(body))))
  r.delete('/contacts/:contact_id', async ({ actor, params }) => {
    await deleteContact(core, actor, params.contact_id as number)
    return true
  })
  r.put('/contacts/:contact_id/link/:group_id', async ({ actor, params }) =>
    contactOut(await linkContact(core, actor, params.contact_id as number, params.group_id as number)), { summary: 'Add a contact to a group' })
  r.delete('/contacts/:contact_id/link/:group_id', async ({ actor, params }) =>
    contactOut(await unlinkContact(core, actor, params.contact_id as number, params.group_id as number)), { summary: 'Remove a contact from a group' })
}
