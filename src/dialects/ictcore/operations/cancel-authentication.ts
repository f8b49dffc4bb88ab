import { cancelLogin } from '../auth.ts'
import { EmptyBody, TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /authenticate/cancel` (spec/ictcore.md §2.2): log out; revokes the Bearer token the request carries. */
export const cancelAuthenticationOp = ictcoreOperation({
  wireId: 'POST /authenticate/cancel',
  methods: ['POST'],
  path: '/authenticate/cancel',
  summary: 'Log out; revokes the Bearer token the request carries',
  serve: {
    body: EmptyBody, reply: TrueReply,
    public: true,
    handler: async ({ core, req }) => {
      await cancelLogin(core, req)
      return true
    },
  },
})
