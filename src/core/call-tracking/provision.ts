import { and, eq } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import { inTransaction, type Core } from '../core.ts'
import { signUpCustomer } from '../customers/sign-up.ts'
import { splitPhone } from '../customers/phone-numbers.ts'
import { Forbidden, Invalid, NotFound } from '../errors.ts'
import { lowestFreeNumbers } from '../numbers/allocation.ts'
import { lockPool, lockPoolById, resolvePool } from '../numbers/pools.ts'
import { callTrackingCompanies, numberOrders, type OrderStatus } from './call-tracking.table.ts'
import { findCompanyIn } from './companies.ts'
import { fillOrder } from './fulfilment.ts'
import { orderEnded } from './order-completion.ts'
import { findRegion } from '../numbers/catalogue.ts'
import { partnerBackorder } from '../resellers/partner-settings.ts'
import { resellers } from '../resellers/resellers.table.ts'
import {
  categoryProblem, emailProblem, isEmail, nameProblem, normalizeTerminationNumber, referenceProblem,
  terminationNumberProblem, type Feature,
} from './rules.ts'

/** A new customer's company (spec/delacon.md §5, wire-neutral names). */
export interface NewCompany {
  name: string
  category?: string | null
  email: string
  terminationNumber: string
  /** The partner's own reference (BusID). */
  reference?: string | null
  features?: Feature[]
  /** Region in any §7 form. */
  region: string
  numberType: string
}

export type ProvisionInput = { quantity: number; orderSummaryEmail?: string | null } &
  ({ companyId: number; company?: undefined } | { company: NewCompany; companyId?: undefined })

export interface ProvisionResult {
  status: OrderStatus
  orderId: number
  /** The company (new or existing); null when a new customer's order failed (no company is created). */
  companyId: number | null
  /** Allocated numbers, ascending (OK only). */
  numbers: string[]
}

function check(field: string, reason: string | null): void {
  if (reason) throw new Invalid(field, reason, reason === 'is required' ? 'required' : 'invalid')
}

/**
 * Orders `quantity` tracking numbers for a new company or an existing one of the actor's tenant
 * (spec/delacon.md §5 rules 1–5). One transaction under the pool's row lock: if no order of the pool
 * waits and it has enough free numbers, the lowest are allocated → OK; else the order waits (pool
 * backorder on; a new company is created with no numbers) or fails (backorder off; no company).
 */
export async function provisionNumbers(core: Core, actor: Actor, input: ProvisionInput): Promise<ProvisionResult> {
  const tenantId = actor.tenantId
  if (tenantId === null) throw new Forbidden('company_create')
  const q = input.quantity
  if (!Number.isSafeInteger(q) || q < 1 || q > 10) throw new Invalid('quantity', 'must be between 1 and 10')
  const summaryEmail = input.orderSummaryEmail ?? null
  if (summaryEmail !== null && !isEmail(summaryEmail)) throw new Invalid('orderSummaryEmail', 'is invalid')
  const fresh = input.company
  let pool: { region: string; numberType: string; country: string } | null = null
  if (fresh) {
    check('name', nameProblem(fresh.name, true))
    check('category', categoryProblem(fresh.category ?? undefined))
    check('email', emailProblem(fresh.email, true))
    check('terminationNumber', terminationNumberProblem(fresh.terminationNumber, true))
    check('reference', referenceProblem(fresh.reference ?? undefined))
    const p = resolvePool(fresh.region, fresh.numberType)
    pool = { region: p.region.name, numberType: p.numberType.key, country: p.region.alpha2 }
  }

  return inTransaction(core, async (txCore) => {
    const tx = txCore.db
    const now = core.now()
    let customerId: number | null = null
    let poolRow
    if (input.companyId !== undefined) {
      const company = await findCompanyIn(tx, actor, input.companyId)
      if (!company) throw new NotFound('Company', input.companyId)
      customerId = company.customerId
      poolRow = await lockPoolById(tx, company.poolId)
    } else {
      poolRow = await lockPool(tx, pool!.region, pool!.numberType)
    }
    const [waiting] = await tx.select({ id: numberOrders.id }).from(numberOrders)
      .where(and(eq(numberOrders.poolId, poolRow.id), eq(numberOrders.status, 'WAIT'))).limit(1)
    const free = waiting ? [] : await lowestFreeNumbers(tx, poolRow.id, tenantId, q)
    const fillable = free.length === q
    if (!fillable && !(await backorderFor(txCore, tenantId, poolRow))) {
      const [order] = await tx.insert(numberOrders).values({
        tenantId, customerId, poolId: poolRow.id, quantity: q, orderSummaryEmail: summaryEmail, status: 'FAIL', failReason: 'no stock', completedAt: now,
      }).returning({ id: numberOrders.id })
      await orderEnded(txCore, { id: order!.id, tenantId, customerId, poolId: poolRow.id, quantity: q, orderSummaryEmail: summaryEmail }, 'FAIL', [],
        { waited: false, companyName: fresh?.name })
      return { status: 'FAIL' as const, orderId: order!.id, companyId: customerId, numbers: [] }
    }
    if (customerId === null) customerId = await createCompany(txCore, actor, fresh!, poolRow.id, pool!)
    const status: OrderStatus = fillable ? 'OK' : 'WAIT'
    const [order] = await tx.insert(numberOrders).values({
      tenantId, customerId, poolId: poolRow.id, quantity: q, orderSummaryEmail: summaryEmail, status, completedAt: fillable ? now : null,
    }).returning({ id: numberOrders.id })
    if (fillable) {
      await fillOrder(tx, { id: order!.id, tenantId, customerId }, free, now)
      await orderEnded(txCore, { id: order!.id, tenantId, customerId, poolId: poolRow.id, quantity: q, orderSummaryEmail: summaryEmail }, 'OK',
        free.map((n) => n.number), { waited: false })
    }
    return { status, orderId: order!.id, companyId: customerId, numbers: fillable ? free.map((n) => n.number) : [] }
  })
}

/**
 * Whether a short pool makes this partner's order wait: the partner's own flag for the pool
 * (`delacon.backorder`), else the pool's (spec/delacon.md §4, default true).
 */
async function backorderFor(tx: Core, tenantId: number, pool: { region: string; numberType: string; backorder: boolean }): Promise<boolean> {
  const [r] = await tx.db.select({ settings: resellers.settings }).from(resellers).where(eq(resellers.id, tenantId))
  const region = findRegion(pool.region)
  return (region ? partnerBackorder(r?.settings, region, pool.numberType) : undefined) ?? pool.backorder
}

/**
 * Creates the company inside the provisioning transaction: the customer through the one sign-up (its
 * country the region's; the termination number its callback phone) and its call-tracking profile.
 */
async function createCompany(tx: Core, actor: Actor, c: NewCompany, poolId: number, pool: { region: string; numberType: string; country: string }): Promise<number> {
  const { customer } = await signUpCustomer(tx, actor, {
    profile: { name: c.name, email: c.email, country: pool.country, ...splitPhone(normalizeTerminationNumber(c.terminationNumber)!) },
  })
  const features = new Set(c.features ?? [])
  await tx.db.insert(callTrackingCompanies).values({
    customerId: customer.id,
    tenantId: customer.tenantId,
    busCat: c.category ?? null,
    terminationNumber: normalizeTerminationNumber(c.terminationNumber)!,
    busId: c.reference ?? null,
    poolId, region: pool.region, numberType: pool.numberType,
    callRecordingProvisioned: features.has('CallRecording'),
    callRecordingEnabled: features.has('CallRecording'),
    callFeedbackSurveyProvisioned: features.has('CallFeedbackSurvey'),
    callFeedbackSurveyEnabled: features.has('CallFeedbackSurvey'),
  })
  return customer.id
}
