// Login tokens: single-use, short-lived customer login tokens (ResellerClub token single sign-on).
export * from './login-tokens.ts'
export { loginTokens } from './login-tokens.table.ts'
