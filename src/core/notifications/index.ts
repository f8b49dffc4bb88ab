// System notifications: emails the platform sends on its own behalf, through the email channel.
export { sendSystemEmail, notificationOf, BUILTIN_SANDBOX_PROVIDER_ID, EMAIL_SERVICE, type SystemEmail } from './notifications.ts'
