import type { Core } from '../core/core.ts'
import { attemptProvider, recordGatewayEvents, spoolsOfPeerMessages } from '../core/delivery/index.ts'
import { providerForAttempt } from '../core/providers/index.ts'
import type { EarlierAttempt, EarlierAttempts, Gateway, GatewayProvider, PeerReply, PeerRequest, PeerRequestContext, ProviderType } from '../gateways/gateway.ts'
import { deliveryEventsOf, inboundReceiver } from './event-translation.ts'

/** How long a provider read for a peer's callback is used again (a changed provider applies after it). */
const PROVIDER_TTL_MS = 2000

/**
 * The gateways' public entry points (spec/gateways.md §1 "Callbacks from peers"): what a peer calls
 * Switchboard with — Kannel's delivery reports and mobile-originated messages, fax webhooks — goes
 * to the gateway of the provider named in the URL, which checks the signature and reports what it
 * says; and the configuration text a gateway prints for its peer (Kannel's groups). The native
 * dialect reaches this through the port app.ts hands it (a dialect imports no dispatcher).
 */
export class GatewayEntryPoints {
  private readonly byType = new Map<ProviderType, Gateway>()
  private readonly context: PeerRequestContext
  private readonly providers = new Map<number, { found: { gateway: Gateway; provider: GatewayProvider } | null; at: number }>()

  /** `gateways`: the dispatcher's own when this process runs one (they know what they sent). */
  constructor(private readonly core: Core, gateways: readonly Gateway[]) {
    for (const g of gateways) for (const t of g.types) this.byType.set(t, g)
    this.context = { inbound: inboundReceiver(core), earlier: this.earlier }
  }

  /** A peer's request to `/native/gateways/{providerId}/…`: 404 for an unknown provider or entry point. */
  async handle(providerId: number, request: PeerRequest): Promise<PeerReply> {
    const found = await this.gatewayOf(providerId)
    if (!found?.gateway.peerRequest) return { status: 404, body: 'no such provider' }
    return found.gateway.peerRequest(found.provider, request, this.context)
  }

  /** The configuration text for the provider's peer, or null when its gateway prints none. */
  async configuration(providerId: number): Promise<string | null> {
    const found = await this.gatewayOf(providerId)
    return found?.gateway.peerConfiguration?.(found.provider) ?? null
  }

  /** A file a gateway lets its peer fetch once (`/native/fax-media/{token}`), or null. */
  async media(token: string): Promise<{ mime: string; bytes: Buffer } | null> {
    for (const g of new Set(this.byType.values())) {
      const found = await g.peerMedia?.(token)
      if (found) return found
    }
    return null
  }

  /**
   * The provider's gateway, the provider read at most every PROVIDER_TTL_MS (a peer calls back once
   * or twice per message sent: a database read each time would cost more than the rest of the call).
   */
  private async gatewayOf(providerId: number): Promise<{ gateway: Gateway; provider: GatewayProvider } | null> {
    if (!Number.isSafeInteger(providerId) || providerId < 1) return null
    const cached = this.providers.get(providerId)
    if (cached && Date.now() - cached.at < PROVIDER_TTL_MS) return cached.found
    const routed = await providerForAttempt(this.core, providerId)
    const gateway = routed ? this.byType.get(routed.type) : undefined
    const found = routed && gateway ? { gateway, provider: attemptProvider(routed) } : null
    if (this.providers.size > 10_000) this.providers.clear()
    this.providers.set(providerId, { found, at: Date.now() })
    return found
  }

  /** Attempts found by their message ids, reported straight to core (no dispatcher batching here). */
  private readonly earlier: EarlierAttempts = async (providerId, messageIds) => {
    const found = new Map<string, EarlierAttempt>()
    for (const s of await spoolsOfPeerMessages(this.core, providerId, messageIds)) {
      found.set(s.messageId, {
        report: async (event) => { await recordGatewayEvents(this.core, [{ spoolId: s.spoolId, events: deliveryEventsOf(event, s.steps) }]) },
        segments: s.segments, delivered: s.delivered, key: String(s.spoolId),
      })
    }
    return found
  }
}
