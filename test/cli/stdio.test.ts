import * as fs from 'node:fs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {throughStreams, writeOut} from '../../src/commands/stdio.js';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {...real, fstatSync: vi.fn(real.fstatSync), writeSync: vi.fn(real.writeSync)};
});

const pipe = {isFile: () => false, isFIFO: () => true, isSocket: () => false, isCharacterDevice: () => false};
const failing = (code: string) => Object.assign(new Error(code), {code});

describe('standard output written directly', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.mocked(fs.fstatSync).mockReset();
    vi.mocked(fs.writeSync).mockReset();
    throughStreams(false);
  });

  it('writes to a pipe in pieces until all is written, and where it would block, sends the rest through the stream in order', () => {
    vi.mocked(fs.fstatSync).mockReturnValue(pipe as unknown as fs.Stats);
    const direct: string[] = [];
    let calls = 0;
    vi.mocked(fs.writeSync).mockImplementation(((_fd: number, bytes: Buffer, offset: number) => {
      calls++;
      if (calls === 3) throw failing('EAGAIN');
      const piece = bytes.subarray(offset, offset + 4).toString();
      direct.push(piece);
      return piece.length;
    }) as unknown as typeof fs.writeSync);
    const streamed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      streamed.push(Buffer.from(chunk).toString());
      return true;
    });
    writeOut('0123456789abc\n');
    writeOut('next\n');
    expect(direct).toEqual(['0123', '4567']);
    expect(streamed).toEqual(['89abc\n', 'next\n']);
  });

  it('ends quietly with 141 when the reader has closed the pipe', () => {
    vi.mocked(fs.fstatSync).mockReturnValue(pipe as unknown as fs.Stats);
    vi.mocked(fs.writeSync).mockImplementation(() => {
      throw failing('EPIPE');
    });
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);
    expect(() => writeOut('table\n')).toThrow('exit 141');
    expect(exit).toHaveBeenCalledWith(141);
  });

  it('leaves a terminal to the stream', () => {
    vi.mocked(fs.fstatSync).mockReturnValue({
      ...pipe,
      isFIFO: () => false,
      isCharacterDevice: () => true,
      rdev: -1,
    } as unknown as fs.Stats);
    const streamed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      streamed.push(Buffer.from(chunk).toString());
      return true;
    });
    writeOut('coloured\n');
    expect(streamed).toEqual(['coloured\n']);
    expect(fs.writeSync).not.toHaveBeenCalled();
  });
});
