import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8 } from '../../../src/workspace/decode-text.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeText', () => {
  it('decodes UTF-8 text', () => {
    expect(decodeText(bytes('kind: risk\n'))).toEqual({ text: 'kind: risk\n' });
  });

  it('accepts valid multi-byte characters of every length', () => {
    const text = 'title: café €5 😀 \u{10FFFF} \uFFFD \u07FF \u0800\n';
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ text });
  });

  it('strips a byte-order mark', () => {
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], 'kind: risk\n'))).toEqual({ text: 'kind: risk\n' });
    expect(decodeText(bytes([0xef, 0xbb, 0xbf]))).toEqual({ text: '' });
    // Only one: a second BOM is content.
    expect(decodeText(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'a'))).toEqual({ text: '\uFEFFa' });
  });

  it('refuses a file with a NUL byte as file/binary', () => {
    const result = decodeText(bytes('\x89PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR'));
    expect(result).toEqual({ problem: { rule: 'file/binary', message: expect.stringContaining('binary') as string } });
  });

  it('refuses invalid UTF-8 as file/encoding at the line and column of the bad byte', () => {
    // "kind: risk\n" is 11 bytes; "id: R-" 6 more; the 0xff is byte 17, the 7th character of line 2.
    const result = decodeText(bytes('kind: risk\nid: R-', [0xff], '1\n'));
    expect(result).toEqual({ problem: { rule: 'file/encoding', message: expect.stringContaining('byte 17') as string, line: 2, column: 7 } });
  });

  it('counts columns in JavaScript characters after multi-byte text, and lines across CRLF', () => {
    // "é" is one character (2 bytes); "😀" is two (a surrogate pair, 4 bytes).
    expect(decodeText(bytes('title: é', [0xff]))).toMatchObject({ problem: { line: 1, column: 9 } });
    expect(decodeText(bytes('a: 😀', [0xc3]))).toMatchObject({ problem: { line: 1, column: 6 } });
    expect(decodeText(bytes('a: 1\r\nb: 2\r\nc', [0x80]))).toMatchObject({ problem: { line: 3, column: 2 } });
  });

  it('prefers file/binary to file/encoding when both apply', () => {
    expect(decodeText(bytes([0xff, 0x00]))).toMatchObject({ problem: { rule: 'file/binary' } });
  });
});

describe('firstInvalidUtf8', () => {
  it('returns -1 for valid text', () => {
    expect(firstInvalidUtf8(bytes(''))).toBe(-1);
    expect(firstInvalidUtf8(bytes('plain ascii'))).toBe(-1);
    expect(firstInvalidUtf8(bytes([0xf4, 0x8f, 0xbf, 0xbf]))).toBe(-1); // U+10FFFF
    expect(firstInvalidUtf8(bytes([0xed, 0x9f, 0xbf]))).toBe(-1); // U+D7FF, just below the surrogates
  });

  it('rejects overlong encodings', () => {
    expect(firstInvalidUtf8(bytes('ab', [0xc0, 0xaf]))).toBe(2); // "/" in two bytes
    expect(firstInvalidUtf8(bytes([0xc1, 0xbf]))).toBe(0);
    expect(firstInvalidUtf8(bytes('x', [0xe0, 0x80, 0xaf]))).toBe(1); // "/" in three bytes
    expect(firstInvalidUtf8(bytes([0xe0, 0x9f, 0xbf]))).toBe(0); // U+07FF in three bytes
    expect(firstInvalidUtf8(bytes([0xf0, 0x80, 0x80, 0xaf]))).toBe(0); // "/" in four bytes
    expect(firstInvalidUtf8(bytes([0xf0, 0x8f, 0xbf, 0xbf]))).toBe(0); // U+FFFF in four bytes
  });

  it('rejects UTF-16 surrogates encoded in UTF-8 (CESU-8)', () => {
    expect(firstInvalidUtf8(bytes('ok ', [0xed, 0xa0, 0x80]))).toBe(3); // U+D800
    expect(firstInvalidUtf8(bytes([0xed, 0xbf, 0xbf]))).toBe(0); // U+DFFF
    expect(firstInvalidUtf8(bytes([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]))).toBe(0); // a surrogate pair
  });

  it('rejects code points above U+10FFFF and bytes that never start a character', () => {
    expect(firstInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    for (const lead of [0x80, 0xbf, 0xf5, 0xf8, 0xfe, 0xff]) expect(firstInvalidUtf8(bytes('a', [lead], 'b')), lead.toString(16)).toBe(1);
  });

  it('rejects a sequence cut short, mid-text or at the end', () => {
    expect(firstInvalidUtf8(bytes('a', [0xe2, 0x82], 'b'))).toBe(1);
    expect(firstInvalidUtf8(bytes('abc', [0xe2, 0x82]))).toBe(3);
    expect(firstInvalidUtf8(bytes('abc', [0xf0, 0x9f, 0x98]))).toBe(3);
    expect(firstInvalidUtf8(bytes('abc', [0xc3]))).toBe(3);
  });

  it('agrees with a strict TextDecoder on random bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const valid = (b: Uint8Array): boolean => {
      try {
        strict.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    // Bias towards the interesting range (0x80–0xff) so that many samples are nearly valid.
    const interesting = [0x41, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
    for (let n = 0; n < 20_000; n++) {
      const sample = Uint8Array.from({ length: 1 + (random() % 6) }, () => interesting[random() % interesting.length] ?? 0x41);
      const bad = firstInvalidUtf8(sample);
      expect(bad === -1, Buffer.from(sample).toString('hex')).toBe(valid(sample));
      if (bad >= 0) expect(valid(sample.subarray(0, bad)), Buffer.from(sample).toString('hex')).toBe(true);
    }
  });
});
