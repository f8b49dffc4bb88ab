// Tracking-number inventory (Delacon): the §7 catalogue, pools with their backorder flag, numbers.
export * from './catalogue.ts'
export { addNumbers, MAX_ADD, type AddNumbersInput, type AddNumbersResult } from './add-numbers.ts'
export { setPoolBackorder, poolLevels, resolvePool, type NumberPool } from './pools.ts'
export { numbersOf } from './allocation.ts'
export { numberPools, trackingNumbers } from './numbers.table.ts'
export { pageInventory, removeNumber, type InventoryNumber, type InventoryQuery } from './inventory.ts'
