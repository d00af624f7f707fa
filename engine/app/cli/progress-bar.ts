/** A one-line progress bar with the time left, redrawn in place on a TTY and printed every 10 % otherwise. */
export class ProgressBar {
  private lastDecile = -1;
  private lastDraw = 0;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
  ) {}

  update(fraction: number, etaSec: number, label: string): void {
    const f = Math.max(0, Math.min(1, fraction));
    const filled = Math.round(f * this.width);
    const eta = Number.isFinite(etaSec)
      ? `${Math.floor(etaSec / 60)}:${String(Math.round(etaSec % 60)).padStart(2, '0')}`
      : '?';
    const line = `[${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${(f * 100).toFixed(0).padStart(3)}%  ETA ${eta}  ${label}`;
    if (this.out.isTTY) {
      const now = Date.now();
      if (now - this.lastDraw < 200 && f < 1) return;
      this.lastDraw = now;
      this.out.write(
        `\r${line.slice(0, (this.out.columns || 100) - 1).padEnd(Math.min(100, (this.out.columns || 100) - 1))}`,
      );
      if (f >= 1) this.out.write('\n');
    } else {
      const decile = Math.floor(f * 10);
      if (decile === this.lastDecile) return;
      this.lastDecile = decile;
      this.out.write(line + '\n');
    }
  }
}
