// The dispatcher (design.md): the loops around core's delivery (core/delivery) and the only caller of gateways.
export { Dispatcher } from './dispatcher.ts'
export { availableGateways, providerSettingsProblem } from './gateways.ts'
