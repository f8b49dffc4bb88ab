/**
 * A peer's refusal of one request: `permanent` when asking again cannot change the answer (a 4xx,
 * a refused document), else temporary (a 5xx, a dropped connection) and worth a retry.
 */
export class PeerFailure extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message)
  }
}
