// Partner callbacks: HTTP POSTs owed to partners, queued and retried by the dispatcher (spec/delacon.md §9).
export {
  enqueueCallback, claimDueCallbacks, recordCallbackResults, reapExpiredCallbacks, nextCallbackDueAt, requeueFailedCallback, callbackOutcome,
  SIGNATURE_HEADER, REPLY_RECORD_BYTES, type NewCallback, type ClaimedCallback, type CallbackResponse, type CallbackResult,
} from './callback-queue.ts'
export { callbackView, type CallbackView, type CallbackAttemptView } from './callback-view.ts'
export { partnerCallbacks, partnerCallbackAttempts, type CallbackState, type CallbackOutcome } from './callbacks.table.ts'
