// The dispatcher (design.md): the loops around core's delivery (core/delivery) and the only caller of gateways.
export { Dispatcher } from './dispatcher.ts'
export { availableGateways, gatewayDefaultPort, providerSettingsProblem, type GatewayOptions } from './gateways.ts'
export { GatewayEntryPoints } from './gateway-entry-points.ts'
export { startInboundSmtp, type InboundSmtpConfig } from './inbound-smtp.ts'
