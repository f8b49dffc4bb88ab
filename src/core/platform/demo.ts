import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { resellerActor, type Actor } from '../actor.ts'
import { accounts } from '../accounts/accounts.table.ts'
import { createCampaign, startCampaign } from '../campaigns/index.ts'
import { createContact, createGroup, linkContact } from '../contacts/index.ts'
import type { Core } from '../core.ts'
import { createMessage, storeMedia } from '../messages/index.ts'
import { addNumbers } from '../numbers/index.ts'
import { createProgram } from '../programs/index.ts'
import { createProvider } from '../providers/index.ts'
import { createReseller } from '../resellers/index.ts'
import { actorForUser, insertUser } from '../users/index.ts'
import { requirePlatformAdmin } from './platform.ts'

// `switchboard demo` (issue 19 point 4): a reseller with everything a newcomer needs to try each
// dialect at once — numbers, a sandbox provider (it delivers nothing and logs every send), a user
// with an account, contacts in a group, a sample PDF, a text, programs and a small paced campaign.

/** What the demo made, with the secrets shown this once. */
export interface Demo {
  reseller: { id: number; username: string; apiKey: string }
  user: { id: number; username: string; password: string; accountId: number; phone: string }
  numbers: { region: string; numberType: string; added: number }
  providerId: number
  contactIds: number[]
  groupId: number
  documentId: number
  textId: number
  programs: { sendsms: number; sendfax: number }
  campaign: { id: number; cpm: number }
}

const CONTACTS = [
  { firstName: 'Ada', lastName: 'Lovelace', phone: '+61291000001', email: 'ada@example.com' },
  { firstName: 'Alan', lastName: 'Turing', phone: '+61291000002', email: 'alan@example.com' },
  { firstName: 'Grace', lastName: 'Hopper', phone: '+61291000003', email: 'grace@example.com' },
  { firstName: 'Edsger', lastName: 'Dijkstra', phone: '+61291000004', email: 'edsger@example.com' },
  { firstName: 'Barbara', lastName: 'Liskov', phone: '+61291000005', email: 'barbara@example.com' },
]

/** A one-page PDF saying what it is (a real document the sandbox's fax path can carry). */
export function samplePdf(): Buffer {
  const text = 'BT /F1 24 Tf 72 720 Td (Switchboard sample fax) Tj ET'
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf))
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(pdf)
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf)
}

/** Makes the demo tenant. Platform admins only; every run makes a new one (names carry a random tag). */
export async function createDemo(core: Core, actor: Actor): Promise<Demo> {
  requirePlatformAdmin(actor)
  const tag = randomBytes(2).toString('hex')
  const { reseller, apiKey } = await createReseller(core, { name: `Demo Telecom ${tag}`, username: `demo${tag}` })
  const partner = resellerActor(reseller.id)
  const numbers = { region: 'Australia', numberType: '1300', added: (await addNumbers(core, partner, { region: 'Australia', numberType: '1300', count: 10 })).added }
  const password = randomBytes(9).toString('base64url')
  const phone = '+61290000000'
  const username = `demo-admin-${tag}`
  const user = await insertUser(core.db, reseller.id, { username, password, email: `${username}@example.com`, firstName: 'Demo', lastName: 'Admin', roles: ['admin', 'user'], account: { phone } })
  const [account] = await core.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.userId, user.id)).limit(1)
  const me = await actorForUser(core, user.id)
  const providerId = await createProvider(core, me, { name: 'sandbox', type: 'sandbox', description: 'delivers nothing, logs every send (GET /native/sandbox/sends)' })
  const groupId = await createGroup(core, me, { name: 'Demo contacts' })
  const contactIds: number[] = []
  for (const c of CONTACTS) {
    const id = await createContact(core, me, c)
    await linkContact(core, me, id, groupId)
    contactIds.push(id)
  }
  const documentId = await createMessage(core, me, 'document', { name: 'Sample fax', description: 'a one-page PDF' })
  await storeMedia(core, me, 'document', documentId, { bytes: samplePdf(), mime: 'application/pdf' }, 'replace')
  const textId = await createMessage(core, me, 'text', { name: 'Welcome', data: 'Hello from the Switchboard demo!' })
  const sendsms = await createProgram(core, me, 'sendsms', { name: 'Demo SMS', textId })
  const sendfax = await createProgram(core, me, 'sendfax', { name: 'Demo fax', documentId })
  const cpm = 6
  const campaignId = await createCampaign(core, me, { programId: sendsms, groupId, accountId: account!.id, cpm })
  await startCampaign(core, me, campaignId)
  return {
    reseller: { id: reseller.id, username: reseller.username, apiKey },
    user: { id: user.id, username, password, accountId: account!.id, phone },
    numbers, providerId, contactIds, groupId, documentId, textId, programs: { sendsms, sendfax }, campaign: { id: campaignId, cpm },
  }
}
