import {BadDocument} from './domain-errors.js';
import {parseMoney, type Money} from './money.js';

type Json = unknown;
type Obj = {[key: string]: Json};

/**
 * Reads fields out of parsed JSON, failing with the file, the thing being read and the field:
 * `data/platforms/x.json: plan "x": field free.dailyCap.count: expected a whole number ≥ 0, got -1`.
 */
export class Reader {
  readonly origin: string;
  readonly subject: string;
  private readonly obj: Obj;
  private readonly prefix: string;

  constructor(origin: string, subject: string, obj: Obj, prefix = '') {
    this.origin = origin;
    this.subject = subject;
    this.obj = obj;
    this.prefix = prefix;
  }

  static root(json: Json, origin: string, subject: string): Reader {
    if (!isObj(json))
      throw new BadDocument({
        trouble: 'not-an-object',
        origin,
        problem: `expected a JSON object, got ${describe(json)}`,
      });
    return new Reader(origin, subject, json);
  }

  /** The same object, named in errors as `subject` (known once its id is read). */
  as(subject: string): Reader {
    return new Reader(this.origin, subject, this.obj, this.prefix);
  }

  fail(field: string, problem: string): never {
    throw new BadDocument({
      trouble: 'bad-field',
      origin: this.origin,
      place: `${this.subject}: field ${this.prefix}${field}`,
      problem,
    });
  }

  keys(): string[] {
    return Object.keys(this.obj);
  }

  has(field: string): boolean {
    return this.obj[field] !== undefined && this.obj[field] !== null;
  }

  child(field: string): Reader {
    const value = this.obj[field];
    if (!isObj(value)) this.fail(field, `expected an object, got ${describe(value)}`);
    return new Reader(this.origin, this.subject, value, `${this.prefix}${field}.`);
  }

  optionalChild(field: string): Reader | undefined {
    return this.has(field) ? this.child(field) : undefined;
  }

  list(field: string): Reader[] {
    const value = this.obj[field];
    if (!Array.isArray(value) || value.length === 0)
      this.fail(field, `expected a non-empty list, got ${describe(value)}`);
    return value.map((item, i) => {
      if (!isObj(item)) this.fail(`${field}[${i}]`, `expected an object, got ${describe(item)}`);
      return new Reader(this.origin, this.subject, item, `${this.prefix}${field}[${i}].`);
    });
  }

  text(field: string, fallback?: string): string {
    const value = this.obj[field] ?? fallback;
    if (typeof value !== 'string' || value.trim() === '')
      this.fail(field, `expected text, got ${describe(value)}`);
    return value;
  }

  texts(field: string, fallback: string[] = []): string[] {
    const value = this.obj[field] ?? fallback;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      this.fail(field, `expected a list of names, got ${describe(value)}`);
    return value as string[];
  }

  oneOf<T extends string>(field: string, options: readonly T[], fallback?: T): T {
    const value = this.obj[field] ?? fallback;
    if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
      this.fail(field, `expected one of ${options.join(', ')}, got ${describe(value)}`);
    }
    return value as T;
  }

  bool(field: string, fallback?: boolean): boolean {
    const value = this.obj[field] ?? fallback;
    if (typeof value !== 'boolean') this.fail(field, `expected true or false, got ${describe(value)}`);
    return value;
  }

  /** A whole number within [min, max]: token and task counts are integers. */
  integer(field: string, min: number, fallback?: number, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.obj[field] ?? fallback;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      this.fail(
        field,
        `expected a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}, got ${describe(value)}`,
      );
    }
    return value;
  }

  /** A finite number within (min, max]; for rates such as tasks per day. */
  number(field: string, min: number, max: number, fallback?: number): number {
    const value = this.obj[field] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= min || value > max) {
      this.fail(field, `expected a number above ${min} and at most ${max}, got ${describe(value)}`);
    }
    return value;
  }

  /** Fails on `field` unless the shares of its items add up to 1. */
  sharesOfOne(field: string, items: readonly {readonly share: number}[]): void {
    const total = items.reduce((sum, item) => sum + item.share, 0);
    if (Math.abs(total - 1) > 1e-9) this.fail(field, `shares must add up to 1, they add up to ${total}`);
  }

  /** A list of at least two positive, non-decreasing numbers: quantiles of a distribution. */
  quantiles(field: string): number[] {
    const value = this.obj[field];
    const ok =
      Array.isArray(value) &&
      value.length >= 2 &&
      value.every(
        (v, i) =>
          typeof v === 'number' && Number.isFinite(v) && v >= 0 && (i === 0 || v >= (value[i - 1] as number)),
      );
    if (!ok || !(value as number[]).some((v) => v > 0))
      this.fail(field, `expected at least two non-negative, non-decreasing numbers, got ${describe(value)}`);
    return value as number[];
  }

  /** Money is written as a decimal string ("20", "0.055") so no float ever touches it. */
  money(field: string, fallback?: string): Money {
    const value = this.obj[field] ?? fallback;
    const parsed = typeof value === 'string' ? parseMoney(value) : undefined;
    if (!parsed)
      return this.fail(
        field,
        `expected an amount written as a decimal string such as "20", got ${describe(value)}`,
      );
    if (parsed.isNegative()) this.fail(field, `cannot be negative, got ${value as string}`);
    return parsed;
  }
}

function isObj(value: Json): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: Json): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
