import {describe, expect, it} from 'vitest';
import {SeenKeys} from '../../../src/io/usage/seen-keys.js';

describe('keys already imported', () => {
  it('knows every key added, through the table growing, and no other', () => {
    const seen = new SeenKeys();
    const key = (i: number) => `msg_${i.toString(36)}\u0000req_${(i * 7919).toString(36)}`;
    for (let i = 0; i < 50_000; i++) seen.add(key(i));
    seen.add(key(0));
    let found = 0;
    for (let i = 0; i < 50_000; i++) if (seen.has(key(i))) found++;
    let strangers = 0;
    for (let i = 50_000; i < 100_000; i++) if (seen.has(key(i))) strangers++;
    expect([found, strangers]).toEqual([50_000, 0]);
    // The empty key, and keys hashing to a high word of 0, are keys like any other.
    expect(seen.has('')).toBe(false);
    seen.add('');
    expect(seen.has('')).toBe(true);
  });
});
