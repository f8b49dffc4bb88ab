// Trunk / termination providers and routing (spec/ictcore.md §4.11, §5.12, §7.1 "Routing").
export * from './providers.ts'
export { providers, type ProviderType } from './providers.table.ts'
export { ProviderHealthBoard, providerHealth, type ProviderHealthSource, type ProviderHealthView } from './provider-health.ts'
