/**
 * A seeded pseudo-random generator (sfc32), so a seed run is reproducible: the same seed gives the
 * same organisation, ids included. Its 128-bit state keeps independent streams (demo, scale) from
 * overlapping, which a 32-bit generator would risk over millions of generated ids.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    // Expand the seed string into four state words (a small FNV-1a + splitmix-style mix).
    let h = 0x811c9dc5;
    const words: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      for (let i = 0; i < seed.length; i += 1) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b ^ round);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      words.push((h ^= h >>> 16) >>> 0);
    }
    [this.a, this.b, this.c, this.d] = words;
    for (let i = 0; i < 16; i += 1) this.next32();
  }

  /** The next 32 random bits as an unsigned integer. */
  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.next32() / 4294967296;
  }

  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of `items` with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of items) total += weight;
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** `count` distinct items of `items` (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i += 1) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }

  /** A version-4 UUID drawn from this stream: reproducible ids for a reproducible data set. */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const a = hex(this.next32());
    const b = hex(((this.next32() & 0xffff0fff) | 0x00004000) >>> 0);
    const c = hex(((this.next32() & 0x3fffffff) | 0x80000000) >>> 0);
    const d = hex(this.next32());
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }
}
