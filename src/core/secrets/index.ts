// Secrets: scrypt hashing of login secrets, API keys, the verified-credential cache, encryption at rest.
export { hashSecret, verifySecret } from './scrypt.ts'
export { newApiKey, apiKeyDigest, API_KEY_LENGTH } from './api-key.ts'
export { CredentialCache } from './credential-cache.ts'
export { Keyring } from './keyring.ts'
