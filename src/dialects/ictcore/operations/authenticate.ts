import { Unauthenticated } from '../../../core/errors.ts'
import { loginAttempt, publicBaseUrl } from '../../dialect.ts'
import { login } from '../auth.ts'
import { userOut } from '../codec.ts'
import { AuthenticateBody, AuthenticateReply } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /authenticate` (spec/ictcore.md §2.1): log in; returns the user with a Bearer token. */
export const authenticateOp = ictcoreOperation({
  wireId: 'POST /authenticate',
  methods: ['POST'],
  path: '/authenticate',
  summary: 'Log in; returns the user with a Bearer token',
  serve: {
    body: AuthenticateBody, reply: AuthenticateReply,
    public: true,
    handler: async ({ core, config, req, body }) => {
      const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
      // The first identifier present of email, username, user_id is used (§2.1).
      const key = (['email', 'username', 'user_id'] as const).find((k) => b[k] !== undefined && b[k] !== null && b[k] !== '')
      const id = key ? b[key] : undefined
      const password = b.password
      if ((typeof id !== 'string' && typeof id !== 'number') || typeof password !== 'string' || !password) throw new Unauthenticated()
      const issuer = publicBaseUrl(config, req)
      const { user, isAdmin, token, claims } = await login(core, String(id), password, issuer, config.jwtTtlSeconds, loginAttempt(req))
      return {
        ...userOut(user, isAdmin), token, access_token: token, token_type: 'Bearer', expires_in: claims.exp - claims.iat, scope: 'All',
      }
    },
  },
})
