import { Type } from 'typebox'
import { getCampaign } from '../../../core/campaigns/index.ts'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

const CampaignProgress = Type.Object({
  id: Type.Integer(),
  status: Type.Union([Type.Literal('new'), Type.Literal('running'), Type.Literal('paused'), Type.Literal('completed')]),
  programType: Type.Union([Type.String(), Type.Null()], { description: 'the program\'s type (sendsms, sendemail, voicemessage, sendfax …)' }),
  contactTotal: Type.Integer({ description: 'contacts the campaign sends to (known once it has started)' }),
  contactDone: Type.Integer({ description: 'transmissions that ended: completed, failed or invalid' }),
  cpm: Type.Integer({ description: 'transmissions started per minute; 0 = unpaced' }),
  userId: Type.Union([Type.Integer(), Type.Null()]),
  resellerId: Type.Union([Type.Integer(), Type.Null()]),
}, { examples: [{ id: 7, status: 'running', programType: 'sendsms', contactTotal: 1000, contactDone: 312, cpm: 600, userId: 3, resellerId: 1 }] })

/** `GET /campaigns/:id`: a campaign's progress (`switchboard campaign watch`). */
export const showCampaign = routeOperation<Core>({
  wireId: 'GET /campaigns/:id',
  methods: ['GET'],
  path: '/campaigns/:id',
  summary: 'Show a campaign\'s status and progress (contacts done of total)',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: CampaignProgress, '4xx': ErrorBody } },
    handler: async (req) => {
      const c = await getCampaign(core, req.nativeActor, (req.params as { id: number }).id)
      return { id: c.id, status: c.status, programType: c.programType, contactTotal: c.contactTotal, contactDone: c.contactDone, cpm: c.cpm, userId: c.userId, resellerId: c.tenantId }
    },
  }),
})
