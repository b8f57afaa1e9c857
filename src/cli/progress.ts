// A progress bar on stderr, shown only when the build takes more than a moment and stderr is a
// terminal, so logs and CI output stay clean.
export class ProgressBar {
  private readonly started = Date.now();
  private count = 0;
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly quiet = false,
    private readonly delayMs = 800,
  ) {}

  tick(label = ""): void {
    this.count++;
    if (this.quiet || !process.stderr.isTTY || Date.now() - this.started < this.delayMs) return;
    this.shown = true;
    const width = 30;
    const done = Math.round((this.count / Math.max(1, this.total)) * width);
    const bar = "█".repeat(done) + "░".repeat(width - done);
    process.stderr.write(`\r${bar} ${this.count}/${this.total} ${label.slice(0, 40).padEnd(40)}`);
  }

  done(): void {
    if (this.shown) process.stderr.write("\n");
  }
}
