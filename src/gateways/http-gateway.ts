import type { AttemptReport, Gateway, GatewayProvider, OutboundAttempt, PeerReply, PeerRequest, PeerRequestContext, ProviderHealth } from './gateway.ts'
import type { FaxGateway } from './fax/fax-gateway.ts'
import { isFaxProvider } from './fax/fax-settings.ts'
import type { KannelGateway } from './kannel/kannel-gateway.ts'

/**
 * `http` providers are Kannel (spec/gateways.md §3) or, with setting `fax: true`, an HTTP fax
 * provider (§5): this gateway hands each provider's work to the one its settings name.
 */
export class HttpGateway implements Gateway {
  readonly types = ['http'] as const

  constructor(private readonly kannel: KannelGateway, private readonly fax: FaxGateway) {}

  private of(p: GatewayProvider): KannelGateway | FaxGateway {
    return isFaxProvider(p.settings) ? this.fax : this.kannel
  }

  send(attempt: OutboundAttempt, report: AttemptReport): Promise<void> {
    return this.of(attempt.provider).send(attempt, report)
  }

  async stop(): Promise<void> {
    await this.kannel.stop()
    await this.fax.stop()
  }

  reportTimeoutMs(provider: GatewayProvider): number | null {
    return this.of(provider).reportTimeoutMs(provider)
  }

  health(providerId: number): ProviderHealth | undefined {
    return this.kannel.health(providerId)
  }

  peerRequest(provider: GatewayProvider, request: PeerRequest, context: PeerRequestContext): Promise<PeerReply> {
    return (request.entry.startsWith('fax/') ? this.fax : this.kannel).peerRequest(provider, request, context)
  }

  peerConfiguration(provider: GatewayProvider): string | undefined {
    return isFaxProvider(provider.settings) ? undefined : this.kannel.peerConfiguration(provider)
  }

  peerMedia(token: string): Promise<{ mime: string; bytes: Buffer } | undefined> {
    return this.fax.peerMedia(token)
  }
}
