import { normalizeIP } from '@fastify/rate-limit'
import type { FastifyRequest } from 'fastify'

/**
 * The client address that limits count (issue 13 finding 3): the socket peer (trustProxy is off),
 * an IPv4-mapped IPv6 address as IPv4, an IPv6 address as its /64 (one subscriber's usual
 * allocation: a client cannot escape a limit by hopping addresses inside it).
 */
export function clientAddress(req: FastifyRequest): string {
  return normalizeIP(req.ip, 64)
}
