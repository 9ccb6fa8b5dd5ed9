import { describe, expect, it } from 'vitest';
import { scriptJson } from '../src/http.ts';

describe('scriptJson', () => {
  it('writes JSON that no text inside can break out of a <script> element with, and reads back the same', () => {
    const value = { note: '</script><script>alert(1)</script><!-- 转办\u2028\u2029', n: [1, null] };
    const json = scriptJson(value);
    expect(json).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
