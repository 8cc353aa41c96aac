/**
 * Quantiles of a stream in bounded memory. While there are at most 4,096 distinct values they are
 * counted exactly (credit plans' bills take few values: $85.00 should read $85.00); past that the
 * counts move to a log-bucketed histogram (the DDSketch idea): a value lands in bucket
 * ceil(log_γ(x)) and reads back as the bucket's centre, within ±0.05% (γ = 1.001). Memory is
 * bounded by the spread of the values, never by how many there are.
 */
export class QuantileSketch {
  private static readonly GAMMA = 1.001;
  private static readonly LOG_GAMMA = Math.log(QuantileSketch.GAMMA);
  private static readonly EXACT_LIMIT = 4096;
  private exact: Map<number, number> | undefined = new Map();
  private readonly buckets = new Map<number, number>();
  private zeros = 0;
  count = 0;
  private total = 0;

  add(value: number): void {
    this.count++;
    this.total += value;
    if (this.exact) {
      this.exact.set(value, (this.exact.get(value) ?? 0) + 1);
      if (this.exact.size <= QuantileSketch.EXACT_LIMIT) return;
      const values = this.exact;
      this.exact = undefined;
      for (const [v, n] of values) this.bucket(v, n);
      return;
    }
    this.bucket(value, 1);
  }

  private bucket(value: number, n: number): void {
    if (value <= 0) {
      this.zeros += n;
      return;
    }
    const index = Math.ceil(Math.log(value) / QuantileSketch.LOG_GAMMA);
    this.buckets.set(index, (this.buckets.get(index) ?? 0) + n);
  }

  /** True while every quantile is an exact value seen. */
  get isExact(): boolean {
    return this.exact !== undefined;
  }

  mean(): number {
    return this.count ? this.total / this.count : 0;
  }

  /** The q-quantile (0 ≤ q ≤ 1), nearest-rank. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    if (this.exact) {
      let seen = 0;
      for (const value of [...this.exact.keys()].sort((a, b) => a - b)) {
        seen += this.exact.get(value) as number;
        if (seen >= rank) return value;
      }
      return 0;
    }
    if (rank <= this.zeros) return 0;
    let seen = this.zeros;
    for (const index of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(index) as number;
      if (seen >= rank) return (2 * QuantileSketch.GAMMA ** index) / (QuantileSketch.GAMMA + 1);
    }
    return 0;
  }
}
