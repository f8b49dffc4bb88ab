// The service catalogue and what accounts hold of it (spec/porta.md §10): products, add-ons,
// subscription plans, service features, service accounts, hunt groups, devices.
export * from './catalog.ts'
export * from './features.ts'
export * from './service-accounts.ts'
export * from './service-details.ts'
export * from './account-services.ts'
export * from './product-admin.ts'
export * from './catalog-admin.ts'
export * from './service-account-admin.ts'
export * from './hunt-group-admin.ts'
