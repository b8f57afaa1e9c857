// A build's progress on stderr: on a terminal, a bar counting articles with their rate and an ETA
// (reckoned from the bytes read: the number of articles is known only at the end); redrawn at most a
// few times a second and only once the build takes more than a moment, so logs and CI output stay clean.
import type { BuildProgress } from "../pipeline/build.ts";
import { writeExact } from "../query/terminal.ts";

const REDRAW_MS = 200;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The progress line for a state, `elapsed` seconds after the start. */
export function progressLine(p: BuildProgress, elapsed: number, width = 24): string {
  const share = p.bytes > 0 ? Math.min(1, p.bytesRead / p.bytes) : p.files ? p.filesRead / p.files : 0;
  const done = Math.round(share * width);
  const rate = elapsed > 0 ? p.articles / elapsed : 0;
  const eta = share > 0 ? (elapsed / share) * (1 - share) : NaN;
  return `${"█".repeat(done)}${"░".repeat(width - done)} ${p.articles.toLocaleString("en")} articles · ${rate.toFixed(rate < 10 ? 1 : 0)}/s · file ${p.filesRead}/${p.files} · ETA ${duration(eta)}`;
}

export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly enabled = process.stderr.isTTY === true,
    private readonly delayMs = 800,
  ) {}

  update(p: BuildProgress): void {
    const now = Date.now();
    if (!this.enabled || now - this.started < this.delayMs || now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.shown = true;
    writeExact(process.stderr, `\r${progressLine(p, (now - this.started) / 1000)}\x1b[K`);
  }

  done(): void {
    if (this.shown) writeExact(process.stderr, "\r\x1b[K");
  }
}
