import { sendSystemEmail } from '../../../core/notifications/index.ts'
import { RESET_TTL_SECONDS, requestPasswordReset } from '../../../core/password-resets/index.ts'
import { rcCall } from '../call.ts'
import { PASSWORD_RESET_PATH } from '../password-reset-page.ts'
import { TrueReply } from '../wire-schemas.ts'

/**
 * `customers/forgot-password` (spec §4.1): emails the customer a single-use link to a page where it
 * chooses a new password; the password is unchanged until then.
 */
export const customersForgotPassword = rcCall({
  name: 'customers/forgot-password', method: ['GET', 'POST'],
  summary: 'Emails the customer a password-reset link',
  reply: TrueReply,
  params: [{ name: 'username', required: true, description: 'Login email of the customer' }],
  async handle({ core, actor, config, baseUrl, params: p }) {
    const reset = await requestPasswordReset(core, actor, p.get('username')!)
    const link = `${baseUrl}${config.prefixes.resellerclub}${PASSWORD_RESET_PATH}?token=${reset.token}`
    await sendSystemEmail(core, reset.tenantId, {
      to: reset.email,
      subject: 'Reset your password',
      text: `Hello ${reset.name},\n\nWe received a request to reset the password of your account ${reset.email}.\n` +
        `Choose a new password here (the link works once, for ${RESET_TTL_SECONDS / 60} minutes):\n\n${link}\n\n` +
        'If you did not ask for this, ignore this email: your password stays as it is.\n',
    })
    return true
  },
})
