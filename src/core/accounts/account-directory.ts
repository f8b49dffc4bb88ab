import { and, asc, eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { visibilityKey } from '../read-cache.ts'
import { customers } from '../customers/customers.table.ts'
import { NotFound } from '../errors.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { users } from '../users/users.table.ts'
import { accounts } from './accounts.table.ts'
import { validId } from '../kernel/ids.ts'

/**
 * Wire-neutral read side of accounts as seen through their customer (Porta's ICustomer / IAccount
 * view): only accounts of a customer are listed here. An account's customer is its own
 * `customer_id`, else its owner user's customer (`accountCustomer`).
 */
export interface DirectoryAccount {
  id: number
  tenantId: number | null
  type: 'account' | 'did' | 'extension' | 'eaddress'
  username: string | null
  firstName: string | null
  lastName: string | null
  address: string | null
  phone: string | null
  email: string | null
  active: boolean
  createdAt: Date
  /** The account's customer. */
  customerId: number
  /** The device (SIP) secret in clear; only filled by `getCustomerAccount(..., { withSecret: true })`. */
  secret: string | null
}

const accountColumns = {
  id: accounts.id,
  tenantId: accounts.tenantId,
  type: accounts.type,
  username: accounts.username,
  firstName: accounts.firstName,
  lastName: accounts.lastName,
  address: accounts.address,
  phone: accounts.phone,
  email: accounts.email,
  active: accounts.active,
  createdAt: accounts.createdAt,
}

/** The customer an account belongs to: its own, else its owner user's (accounts left join users). */
const accountCustomer = sql<number | null>`coalesce(${accounts.customerId}, ${users.customerId})`

/**
 * The accounts of one customer of the actor's tenant, by account id. One query; a customer that
 * does not exist or belongs to another tenant is NotFound('Customer').
 */
export async function listCustomerAccounts(core: Core, actor: Actor, customerId: number): Promise<DirectoryAccount[]> {
  if (!validId(customerId)) throw new NotFound('Customer', customerId)
  // accountCustomer = customerId, written so that both arms use an index (customer_id; the owner's user_id).
  const ofCustomer = sql`(${accounts.customerId} = ${customerId} or (${accounts.customerId} is null and ${accounts.userId} = any(array(
    select ${users.id} from ${users} where ${users.customerId} = ${customerId}))))`
  const rows = await core.db.select({ customerId: customers.id, account: accountColumns }).from(customers)
    .leftJoin(accounts, and(eq(accounts.tenantId, customers.tenantId), ofCustomer))
    .where(and(eq(customers.id, customerId), tenantScope(actor, customers.tenantId)))
    .orderBy(asc(accounts.id))
  if (!rows.length) throw new NotFound('Customer', customerId)
  const out: DirectoryAccount[] = []
  for (const r of rows) if (r.account) out.push({ ...r.account, customerId: r.customerId, secret: null })
  return out
}

/**
 * One account of a customer of the actor's tenant, with that customer's id. `withSecret` decrypts
 * the stored device secret (only for projections that hand it back). Accounts of no customer, and
 * other tenants' accounts, are NotFound('Account').
 */
export async function getCustomerAccount(core: Core, actor: Actor, accountId: number, opts: { withSecret?: boolean } = {}): Promise<DirectoryAccount> {
  if (!validId(accountId)) throw new NotFound('Account', accountId)
  // A hot read (Porta GetAccountInfoByIAccount): the row comes from the exact read cache; the
  // secret is decrypted per call and never cached in the clear.
  const row = await core.reads.get(`directory-account:${visibilityKey(actor)}:${accountId}`, ['accounts', 'users', 'customers'], () => loadAccountRow(core, actor, accountId))
  const secret = opts.withSecret && row.passwdEnc ? core.keyring.decrypt(row.passwdEnc) : null
  return { ...row.account, customerId: row.customerId, secret }
}

async function loadAccountRow(core: Core, actor: Actor, accountId: number) {
  const [row] = await core.db.select({ account: accountColumns, passwdEnc: accounts.passwdEnc, customerId: customers.id }).from(accounts)
    .leftJoin(users, eq(users.id, accounts.userId))
    .innerJoin(customers, and(eq(customers.id, accountCustomer), eq(customers.tenantId, accounts.tenantId)))
    .where(and(eq(accounts.id, accountId), tenantScope(actor, accounts.tenantId)))
    .limit(1)
  if (!row) throw new NotFound('Account', accountId)
  return row
}
