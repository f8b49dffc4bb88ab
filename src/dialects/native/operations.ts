import type { Core } from '../../core/core.ts'
import type { OperationTable, RouteServe } from '../operation.ts'
import { addNumbers } from './operations/add-numbers.ts'
import { createReseller } from './operations/create-reseller.ts'
import { createUser } from './operations/create-user.ts'
import { issueApiKey } from './operations/issue-api-key.ts'
import { listApiKeys } from './operations/list-api-keys.ts'
import { failDelaconOrder } from './operations/fail-delacon-order.ts'
import { getDelaconOrder } from './operations/get-delacon-order.ts'
import { listDelaconOrders } from './operations/list-delacon-orders.ts'
import { resendDelaconCallback } from './operations/resend-delacon-callback.ts'
import { getResellerSettings } from './operations/get-reseller-settings.ts'
import { updateResellerSettings } from './operations/update-reseller-settings.ts'
import { listResellersOp } from './operations/list-resellers.ts'
import { listSandboxSends } from './operations/list-sandbox-sends.ts'
import { resetUserPasswordOp } from './operations/reset-user-password.ts'
import { revokeApiKey } from './operations/revoke-api-key.ts'
import { rotateJwtKey } from './operations/rotate-jwt-key.ts'
import { sandboxInbound } from './operations/sandbox-inbound.ts'
import { setCampaignCpm } from './operations/set-campaign-cpm.ts'

/** Every route of the native admin API (docs/decisions/platform.md), in the order the plugin routes them. */
export const NATIVE_OPERATIONS: OperationTable<RouteServe<Core>> = {
  dialect: 'native',
  operations: [
    createReseller, listResellersOp, listApiKeys, issueApiKey, revokeApiKey,
    getResellerSettings, updateResellerSettings,
    createUser, resetUserPasswordOp,
    addNumbers,
    listDelaconOrders, getDelaconOrder, resendDelaconCallback, failDelaconOrder,
    listSandboxSends, sandboxInbound,
    setCampaignCpm,
    rotateJwtKey,
  ],
}
