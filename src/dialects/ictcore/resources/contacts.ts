import { Type, type Static } from 'typebox'
import type { Contact, ContactFields } from '../../../core/contacts/index.ts'
import { bodyOf, ts, wireStr } from '../codec.ts'
import { Audit, BodyOf, Nullable, StrIn, StrOrNumberIn, WireId } from './wire-schemas.ts'

/** Contact (§5.3): every field. */
export const ContactView = Type.Object({
  contact_id: WireId, first_name: Nullable(Type.String()), last_name: Nullable(Type.String()), phone: Nullable(Type.String()),
  email: Nullable(Type.String()), address: Nullable(Type.String()), custom1: Nullable(Type.String()), custom2: Nullable(Type.String()),
  custom3: Nullable(Type.String()), description: Nullable(Type.String()), ...Audit,
}, {
  description: 'Contact (§5.3)',
  examples: [{
    contact_id: 7, first_name: 'Ann', last_name: 'Lee', phone: '+61291234567', email: 'ann@example.com', address: null,
    custom1: null, custom2: null, custom3: null, description: null, user_id: 3, date_created: 1796601600, last_updated: 1796601600,
  }],
})

/** Contact body (§5.3): create needs `phone` or `email`. */
export const ContactBody = BodyOf('Contact (§5.3): POST needs phone or email; PUT changes only the fields given', {
  first_name: StrIn(undefined, 'Ann'), last_name: StrIn(undefined, 'Lee'),
  phone: StrOrNumberIn('Phone: +?digits after removing spaces, -, ., (, ) (a JSON number is accepted)', '+61291234567'),
  email: StrIn(undefined, 'ann@example.com'), address: StrIn(), custom1: StrIn(), custom2: StrIn(), custom3: StrIn(), description: StrIn(),
}, { first_name: 'Ann', last_name: 'Lee', phone: '+61291234567', email: 'ann@example.com' })

/** Contact body (§5.3) → core fields; `phone` may arrive as a JSON number. */
export function contactIn(body: unknown): ContactFields {
  const b = bodyOf<typeof ContactBody>(body)
  return {
    firstName: wireStr(b, 'first_name'), lastName: wireStr(b, 'last_name'), phone: wireStr(b, 'phone', true), email: wireStr(b, 'email'),
    address: wireStr(b, 'address'), custom1: wireStr(b, 'custom1'), custom2: wireStr(b, 'custom2'), custom3: wireStr(b, 'custom3'),
    description: wireStr(b, 'description'),
  }
}

/** Contact (§5.3): every field. */
export function contactOut(c: Contact): Static<typeof ContactView> {
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
