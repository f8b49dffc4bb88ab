import {
  SettingsError, type AttemptReport, type EarlierAttempts, type Gateway, type GatewayLog, type GatewayProvider, type InboundReport, type OutboundAttempt, type ProviderHealth,
} from '../gateway.ts'
import { SmppLink } from './smpp-link.ts'
import { parseSmppSettings } from './smpp-settings.ts'

/**
 * The SMPP gateway (spec/gateways.md §2): an ESME keeping one SmppLink (sessions, window, receipts,
 * inbound) per `smpp` provider. Links open when the dispatcher tells the gateway its providers
 * (configure) or at a provider's first send, and are rebuilt when the provider changes.
 */
export class SmppGateway implements Gateway {
  readonly types = ['smpp'] as const
  private readonly links = new Map<number, { link: SmppLink; fingerprint: string; source: GatewayProvider }>()
  private inbound: InboundReport | null = null
  private earlier: EarlierAttempts | null = null

  constructor(private readonly log: GatewayLog) {}

  async start(inbound: InboundReport, earlier?: EarlierAttempts): Promise<void> {
    this.inbound = inbound
    this.earlier = earlier ?? null
  }

  async stop(): Promise<void> {
    const links = [...this.links.values()]
    this.links.clear()
    await Promise.all(links.map((l) => l.link.stop()))
  }

  async configure(providers: readonly GatewayProvider[]): Promise<void> {
    const wanted = new Set<number>()
    for (const p of providers) {
      if (p.type !== 'smpp') continue
      wanted.add(p.id)
      try {
        this.linkFor(p)
      } catch (e) {
        if (!(e instanceof SettingsError)) throw e
      }
    }
    const gone = [...this.links].filter(([id]) => !wanted.has(id))
    for (const [id] of gone) this.links.delete(id)
    await Promise.all(gone.map(([, l]) => l.link.stop()))
  }

  async send(attempt: OutboundAttempt, report: AttemptReport): Promise<void> {
    let link: SmppLink
    try {
      link = this.linkFor(attempt.provider)
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e
      return report({ kind: 'failed', cause: e.message, permanent: true })
    }
    link.send(attempt, report)
  }

  reportTimeoutMs(provider: GatewayProvider): number | null {
    try {
      const s = parseSmppSettings(provider.settings)
      return s.completeOn === 'delivery' ? s.dlrTimeoutMs : null
    } catch (e) {
      if (e instanceof SettingsError) return null
      throw e
    }
  }

  health(providerId: number): ProviderHealth | undefined {
    return this.links.get(providerId)?.link.health()
  }

  /** The provider's link, opened (or reopened, when the provider changed) as needed. */
  private linkFor(p: GatewayProvider): SmppLink {
    const current = this.links.get(p.id)
    // The attempts of one claim share their provider object: the same one needs no comparison.
    if (current && current.source === p) return current.link
    // What the link was built from (kept in memory beside the link, which holds the password anyway).
    const fingerprint = JSON.stringify([p.host, p.port, p.username, p.password, p.dialstring, p.tenantId ?? null, p.settings])
    if (current && current.fingerprint === fingerprint) {
      current.source = p
      return current.link
    }
    const link = new SmppLink(p, parseSmppSettings(p.settings), { inbound: () => this.inbound, earlier: () => this.earlier }, this.log)
    if (current) void current.link.stop()
    this.links.set(p.id, { link, fingerprint, source: p })
    link.start()
    return link
  }
}
