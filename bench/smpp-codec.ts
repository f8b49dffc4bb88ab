import { fileURLToPath } from 'node:url'
import { blankShortMessage, decodePdu, encodeShortMessage, TLV, tlvValue } from '../src/gateways/smpp/pdu.ts'
import { parseReceipt, submitsFor } from '../src/gateways/smpp/short-messages.ts'
import { parseSmppSettings } from '../src/gateways/smpp/smpp-settings.ts'

// Issue 18 point 7: the SMPP codec alone, PDUs per second on one core. One PDU = a submit_sm built
// from its text (GSM 03.38 or UCS-2), encoded and decoded; or a delivery receipt (deliver_sm)
// encoded, decoded and read (message id, state). The baseline, measured in the same run on the same
// core in alternating rounds, is a JSON round trip (stringify + parse) of the same message's
// fields: a general-purpose codec that moves with the machine's speed, so the ratio compares runs.
// Alone: `node --import tsx bench/smpp-codec.ts` (BENCH_SMPP_SECONDS per round, default 2; 3 rounds).

export interface SmppCodecResult { pdusPerSecond: number; baselinePerSecond: number; ratio: number; submitPerSecond: number; deliverPerSecond: number }

const settings = parseSmppSettings('')
const TEXTS = ['Your code is 482913. It expires in 10 minutes.', 'Привет! Ваш заказ №1234 отправлен.', 'Sale {today}: 20% off everything €5+ at example.com']
const receiptOf = (id: string) => Buffer.from(`id:${id} sub:001 dlvrd:001 submit date:2612071530 done date:2612071531 stat:DELIVRD err:000 text:`, 'latin1')

/** Runs `op` in batches for `ms`; returns operations per second. */
function rate(op: (i: number) => void, ms: number): number {
  const end = performance.now() + ms
  let n = 0
  let now = performance.now()
  while (now < end) {
    for (let k = 0; k < 1000; k++) op(n + k)
    n += 1000
    now = performance.now()
  }
  return n / ((ms + (now - end)) / 1000)
}

let sink = 0

function submitOnce(i: number): void {
  const [sm] = submitsFor(TEXTS[i % 3]!, '15550002222', `+1555${String(i % 10_000_000).padStart(7, '0')}`, settings, i & 0xff)
  const back = decodePdu(encodeShortMessage('submit_sm', i + 1, sm!))
  sink += back.seq
}

function deliverOnce(i: number): void {
  const id = (0x10000000 + i).toString(16)
  const pdu = encodeShortMessage('deliver_sm', i + 1, { ...blankShortMessage(), esmClass: 0x04, source: '15550001111', destination: '15550002222', shortMessage: receiptOf(id), tlvs: new Map([[TLV.receipted_message_id, tlvValue.cstr(id)]]) })
  const back = decodePdu(pdu)
  if (back.command === 'deliver_sm') sink += parseReceipt(back.sm)?.messageId.length ?? 0
}

function jsonOnce(i: number): void {
  const text = TEXTS[i % 3]!
  const fields = { source: '15550002222', sourceTon: 1, sourceNpi: 1, destination: `1555${String(i % 10_000_000).padStart(7, '0')}`, destTon: 1, destNpi: 1, esmClass: 0, registeredDelivery: 1, dataCoding: 0, seq: i + 1, text }
  sink += (JSON.parse(JSON.stringify(fields)) as { seq: number }).seq
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Alternating rounds of the baseline and the codec (submit_sm and deliver_sm half each); medians. */
export function benchSmppCodec(opts: { seconds?: number; rounds?: number } = {}): SmppCodecResult {
  const ms = (opts.seconds ?? 2) * 1000
  const rounds = opts.rounds ?? 3
  rate(submitOnce, 300)
  rate(deliverOnce, 300)
  rate(jsonOnce, 300)
  const base: number[] = []
  const submit: number[] = []
  const deliver: number[] = []
  for (let r = 0; r < rounds; r++) {
    base.push(rate(jsonOnce, ms))
    submit.push(rate(submitOnce, ms / 2))
    deliver.push(rate(deliverOnce, ms / 2))
  }
  const submitPerSecond = median(submit)
  const deliverPerSecond = median(deliver)
  // Half submit_sm, half deliver_sm: the harmonic mean is the rate of the mix.
  const pdusPerSecond = 2 / (1 / submitPerSecond + 1 / deliverPerSecond)
  const baselinePerSecond = median(base)
  if (sink === -1) process.stdout.write('')
  return { pdusPerSecond, baselinePerSecond, ratio: pdusPerSecond / baselinePerSecond, submitPerSecond, deliverPerSecond }
}

const n = (v: number) => Math.round(v).toLocaleString('en-US')

/** The Markdown table of the codec bench. */
export function renderSmppCodec(r: SmppCodecResult): string {
  return [
    '| Case | PDUs/s (one core) | × baseline |',
    '|---|---:|---:|',
    `| baseline: JSON stringify + parse of the message fields | ${n(r.baselinePerSecond)} | 1.00 |`,
    `| SMPP submit_sm: text → PDU → decoded | ${n(r.submitPerSecond)} | ${(r.submitPerSecond / r.baselinePerSecond).toFixed(2)} |`,
    `| SMPP deliver_sm receipt: PDU → decoded → id, state | ${n(r.deliverPerSecond)} | ${(r.deliverPerSecond / r.baselinePerSecond).toFixed(2)} |`,
    `| SMPP codec, half each | ${n(r.pdusPerSecond)} | ${r.ratio.toFixed(2)} |`,
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = benchSmppCodec({ seconds: Number(process.env.BENCH_SMPP_SECONDS ?? 2) })
  process.stdout.write(`${renderSmppCodec(r)}\n`)
}
