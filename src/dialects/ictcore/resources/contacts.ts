import type { Contact, ContactFields } from '../../../core/contacts/index.ts'
import { bodyObject, ts, wireStr } from '../codec.ts'

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
