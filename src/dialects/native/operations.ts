import type { Core } from '../../core/core.ts'
import type { OperationTable, RouteServe } from '../operation.ts'
import { addNumbers } from './operations/add-numbers.ts'
import { createDemo } from './operations/create-demo.ts'
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
import { getProviderHealth } from './operations/provider-health.ts'
import { resetUserPasswordOp } from './operations/reset-user-password.ts'
import { revokeApiKey } from './operations/revoke-api-key.ts'
import { rotateJwtKey } from './operations/rotate-jwt-key.ts'
import { sandboxInbound } from './operations/sandbox-inbound.ts'
import { setCampaignCpm } from './operations/set-campaign-cpm.ts'
import { showCampaign } from './operations/show-campaign.ts'
import { importGroupContacts } from './operations/import-group-contacts.ts'
import { showReseller } from './operations/show-reseller.ts'
import { updateReseller } from './operations/update-reseller.ts'
import { listSubResellers } from './operations/list-sub-resellers.ts'
import { listCustomers } from './operations/list-customers.ts'
import { showCustomer } from './operations/show-customer.ts'
import { suspendCustomer } from './operations/suspend-customer.ts'
import { reactivateCustomer } from './operations/reactivate-customer.ts'
import { recordReceipt } from './operations/record-receipt.ts'
import { listCustomerOrders } from './operations/list-customer-orders.ts'
import { listPromos } from './operations/list-promos.ts'
import { createPromo } from './operations/create-promo.ts'
import { listProducts } from './operations/list-products.ts'
import { createProduct } from './operations/create-product.ts'
import { setProductAddons } from './operations/set-product-addons.ts'
import { listProductGroups } from './operations/list-product-groups.ts'
import { createProductGroup } from './operations/create-product-group.ts'
import { listSubscriptionPlans } from './operations/list-subscription-plans.ts'
import { createSubscriptionPlan } from './operations/create-subscription-plan.ts'
import { listProductFeatures } from './operations/list-product-features.ts'
import { setProductFeature } from './operations/set-product-feature.ts'
import { listServiceAccounts } from './operations/list-service-accounts.ts'
import { createServiceAccount } from './operations/create-service-account.ts'
import { showServiceAccount } from './operations/show-service-account.ts'
import { updateServiceAccount } from './operations/update-service-account.ts'
import { blockServiceAccount } from './operations/block-service-account.ts'
import { unblockServiceAccount } from './operations/unblock-service-account.ts'
import { closeServiceAccount } from './operations/close-service-account.ts'
import { listServiceAccountFeatures } from './operations/list-service-account-features.ts'
import { setServiceAccountFeature } from './operations/set-service-account-feature.ts'
import { listServiceAccountAddons } from './operations/list-service-account-addons.ts'
import { addServiceAccountAddon } from './operations/add-service-account-addon.ts'
import { endServiceAccountAddon } from './operations/end-service-account-addon.ts'
import { setServiceAccountDevice } from './operations/set-service-account-device.ts'
import { listHuntGroups } from './operations/list-hunt-groups.ts'
import { createHuntGroup } from './operations/create-hunt-group.ts'
import { showHuntGroup } from './operations/show-hunt-group.ts'
import { updateHuntGroup } from './operations/update-hunt-group.ts'
import { addHuntGroupMember } from './operations/add-hunt-group-member.ts'
import { removeHuntGroupMember } from './operations/remove-hunt-group-member.ts'
import { showPromo } from './operations/show-promo.ts'
import { updatePromo } from './operations/update-promo.ts'
import { deletePromo } from './operations/delete-promo.ts'
import { listPaymentGateways } from './operations/list-payment-gateways.ts'
import { createPaymentGateway } from './operations/create-payment-gateway.ts'
import { showPaymentGateway } from './operations/show-payment-gateway.ts'
import { updatePaymentGateway } from './operations/update-payment-gateway.ts'
import { deletePaymentGateway } from './operations/delete-payment-gateway.ts'
import { listOrders } from './operations/list-orders.ts'
import { createOrder } from './operations/create-order.ts'
import { showOrder } from './operations/show-order.ts'
import { updateOrder } from './operations/update-order.ts'
import { deleteOrder } from './operations/delete-order.ts'
import { listNumbers } from './operations/list-numbers.ts'
import { removeNumber } from './operations/remove-number.ts'
import { listPacketeraCallbacks } from './operations/list-packetera-callbacks.ts'
import { getPacketeraCallback } from './operations/get-packetera-callback.ts'

/** Every route of the native admin API (docs/decisions/platform.md), in the order the plugin routes them. */
export const NATIVE_OPERATIONS: OperationTable<RouteServe<Core>> = {
  dialect: 'native',
  operations: [
    createReseller, listResellersOp, showReseller, updateReseller, listSubResellers, listApiKeys, issueApiKey, revokeApiKey,
    getResellerSettings, updateResellerSettings,
    createUser, resetUserPasswordOp,
    listCustomers, showCustomer, suspendCustomer, reactivateCustomer, recordReceipt, listCustomerOrders,
    listPromos, createPromo, showPromo, updatePromo, deletePromo,
    listProducts, createProduct, setProductAddons, listProductFeatures, setProductFeature,
    listProductGroups, createProductGroup, listSubscriptionPlans, createSubscriptionPlan,
    listServiceAccounts, createServiceAccount, showServiceAccount, updateServiceAccount, blockServiceAccount, unblockServiceAccount, closeServiceAccount,
    listServiceAccountFeatures, setServiceAccountFeature, listServiceAccountAddons, addServiceAccountAddon, endServiceAccountAddon, setServiceAccountDevice,
    listHuntGroups, createHuntGroup, showHuntGroup, updateHuntGroup, addHuntGroupMember, removeHuntGroupMember,
    listPaymentGateways, createPaymentGateway, showPaymentGateway, updatePaymentGateway, deletePaymentGateway,
    listOrders, createOrder, showOrder, updateOrder, deleteOrder,
    addNumbers, listNumbers, removeNumber,
    listDelaconOrders, getDelaconOrder, resendDelaconCallback, failDelaconOrder,
    listPacketeraCallbacks, getPacketeraCallback,
    listSandboxSends, sandboxInbound,
    importGroupContacts, showCampaign, setCampaignCpm,
    getProviderHealth,
    createDemo,
    rotateJwtKey,
  ],
}
