import type { Core } from '../../core/core.ts'
import type { OperationTable, RouteServe } from '../operation.ts'
import { getNumberTypes } from './operations/get-number-types.ts'
import { provision } from './operations/provision.ts'
import { updateCustomer } from './operations/update-customer.ts'

/** Every call of the Delacon Provisioning API (spec/delacon.md §5–§7), in the order the plugin routes them. */
export const DELACON_OPERATIONS: OperationTable<RouteServe<Core>> = {
  dialect: 'delacon',
  operations: [provision, updateCustomer, getNumberTypes],
}
