import { boolean, index, integer, numeric, pgTable, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { resellers } from '../resellers/resellers.table.ts'

/**
 * End customers of a reseller: ResellerClub customers, Packetera members, Porta ICustomers and
 * Delacon companies are all rows here (ids are one deployment-wide sequence).
 * Concept-specific extras live in their own tables keyed by customer id.
 */
export const customers = pgTable('customers', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  /** A sub-reseller customer above this one (Porta), else null. */
  parentCustomerId: integer('parent_customer_id').references((): AnyPgColumn => customers.id),
  /** Holds the reseller role (Porta sub-reseller). */
  isReseller: boolean('is_reseller').notNull().default(false),
  status: text('status').$type<'active' | 'suspended'>().notNull().default('active'),
  /** Display name (RC `name`, Delacon `BusinessName`, Packetera first + last). */
  name: text('name').notNull(),
  company: text('company'),
  email: text('email'),
  firstName: text('first_name'),
  lastName: text('last_name'),
  address1: text('address1'),
  address2: text('address2'),
  address3: text('address3'),
  city: text('city'),
  state: text('state'),
  otherState: text('other_state'),
  /** ISO 3166-1 alpha-2, upper case; null when the country given could not be recognised. */
  country: text('country'),
  /** The country as given where a dialect takes free text (Packetera `Country`) and it was not just the code. */
  countryName: text('country_name'),
  zipcode: text('zipcode'),
  phoneCc: text('phone_cc'),
  phone: text('phone'),
  altPhoneCc: text('alt_phone_cc'),
  altPhone: text('alt_phone'),
  faxCc: text('fax_cc'),
  fax: text('fax'),
  mobileCc: text('mobile_cc'),
  mobile: text('mobile'),
  vatId: text('vat_id'),
  langPref: text('lang_pref'),
  /** Support PIN (ResellerClub), 1000–9999, fixed at signup. */
  pin: integer('pin'),
  totalReceipts: numeric('total_receipts', { precision: 14, scale: 3 }).notNull().default('0'),
  smsConsent: boolean('sms_consent'),
  acceptPolicy: boolean('accept_policy'),
  marketingEmailConsent: boolean('marketing_email_consent'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('customers_tenant_idx').on(t.tenantId, t.id), index('customers_parent_idx').on(t.parentCustomerId)])
