/** Where progress is drawn: a terminal gets a redrawn bar, anything else plain lines. */
export interface ProgressSink {
  isTTY?: boolean
  columns?: number
  write(text: string): unknown
}

const BAR_WIDTH = 30
/** A terminal bar is redrawn at most this often; the last state is always drawn. */
const REDRAW_MS = 100
/** Piped output: one line per this many percent (and one on every change of note). */
const LINE_STEP_PERCENT = 10

/**
 * The progress of a long command (`numbers add`, `contacts import`, `campaign watch`): on a
 * terminal one line redrawn in place (`label [#####-----] 50% 500/1,000 note`); piped, plain lines
 * at each tenth and whenever the note changes, so a log or `| tee` reads well.
 */
export class Progress {
  private lastDraw = 0
  private lastStep = -1
  private lastNote: string | undefined
  private drawn = false
  private readonly tty: boolean

  constructor(private readonly label: string, private readonly sink: ProgressSink, private total: number) {
    this.tty = sink.isTTY === true
  }

  /** Reports `done` of the total (which may have changed: a campaign learns its total when it starts). */
  update(done: number, opts: { total?: number; note?: string } = {}): void {
    if (opts.total !== undefined) this.total = opts.total
    const percent = this.percent(done)
    if (this.tty) {
      const now = Date.now()
      if (now - this.lastDraw < REDRAW_MS && done < this.total && opts.note === this.lastNote) return
      this.lastDraw = now
      this.lastNote = opts.note
      const filled = Math.round((percent / 100) * BAR_WIDTH)
      const line = `${this.label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}% ${this.counts(done)}${opts.note ? ` ${opts.note}` : ''}`
      this.sink.write(`\r${line.slice(0, Math.max(20, (this.sink.columns ?? 120) - 1))}\u001b[K`)
      this.drawn = true
      return
    }
    const step = Math.floor(percent / LINE_STEP_PERCENT)
    if (step === this.lastStep && opts.note === this.lastNote) return
    this.lastStep = step
    this.lastNote = opts.note
    this.sink.write(`${this.label}: ${this.counts(done)} (${percent}%)${opts.note ? ` ${opts.note}` : ''}\n`)
  }

  /** Ends the bar's line on a terminal (the command's result follows on its own line). */
  finish(): void {
    if (this.tty && this.drawn) this.sink.write('\n')
    this.drawn = false
  }

  private percent(done: number): number {
    return this.total > 0 ? Math.min(100, Math.floor((done / this.total) * 100)) : 0
  }

  private counts(done: number): string {
    return `${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')}`
  }
}
