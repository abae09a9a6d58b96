import { describe, expect, it } from 'vitest';
import { markArtifacts } from '../../src/pdf/artifacts.js';
import { instructions } from '../../src/pdf/content-stream.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const text = (data: Uint8Array | undefined) => (data === undefined ? undefined : Buffer.from(data).toString('latin1'));
/** The operators of a stream, in order. */
const operators = (stream: string) => instructions(bytes(stream)).map((i) => i.operator);
/** Each instruction's bytes. */
const spans = (stream: string) => instructions(bytes(stream)).map((i) => stream.slice(i.start, i.end));

describe('the content stream tokenizer', () => {
  it('should give each operator with its operands', () => {
    expect(spans('q 1 0 0 -1 0 841.9 cm\nBT /F4 10 Tf <0164> Tj ET Q')).toEqual(['q', '1 0 0 -1 0 841.9 cm', 'BT', '/F4 10 Tf', '<0164> Tj', 'ET', 'Q']);
  });

  it('should not read operators inside literal strings, with escaped and nested parentheses', () => {
    expect(operators('BT (a \\) ET BDC \\\\) Tj (nested (BT (EMC)) end) Tj (\\(EMC) Tj ET')).toEqual(['BT', 'Tj', 'Tj', 'Tj', 'ET']);
    expect(spans('(x\\\\)Tj')).toEqual(['(x\\\\)Tj']); // an escaped backslash does not escape the closing parenthesis
  });

  it('should read hex strings, names, arrays and dictionaries as operands', () => {
    expect(spans('[<0102> -250 (EMC) 3] TJ /Span<</ActualText <feff202f> /Alt (BT) >>BDC /BMC BMC EMC')).toEqual([
      '[<0102> -250 (EMC) 3] TJ',
      '/Span<</ActualText <feff202f> /Alt (BT) >>BDC',
      '/BMC BMC',
      'EMC',
    ]);
  });

  it('should skip comments and read true, false, null and signed numbers as operands', () => {
    expect(spans('% BT ET\n-1 +.5 true false null d0 % EMC\nET')).toEqual(['-1 +.5 true false null d0', 'ET']);
  });

  it('should take an inline image whole, whatever its binary data holds', () => {
    const stream = 'q BI /W 4 /H 1 /BPC 8 /CS /G /F [/AHx] ID \x00EMC BT (\xff) EIX EI Q';
    expect(spans(stream)).toEqual(['q', 'BI /W 4 /H 1 /BPC 8 /CS /G /F [/AHx] ID \x00EMC BT (\xff) EIX EI', 'Q']);
  });

  it('should end without throwing on a truncated stream', () => {
    expect(operators('BT (never closed Tj')).toEqual(['BT']);
    expect(operators('BI /W 1 ID \x01\x02')).toEqual(['BI']);
  });
});

describe('markArtifacts', () => {
  it('should wrap drawing outside marked content, from its first drawing operator to its last, whole text objects included', () => {
    const stream = 'q 1 1 1 rg 0 0 10 10 re f Q q /G3 gs BT /F4 10 Tf <01> Tj ET Q /P <</MCID 0>> BDC BT <02> Tj ET EMC Q';
    expect(text(markArtifacts(bytes(stream)))).toBe(
      'q 1 1 1 rg /Artifact BMC\n0 0 10 10 re f Q q /G3 gs BT /F4 10 Tf <01> Tj ET\nEMC Q /P <</MCID 0>> BDC BT <02> Tj ET EMC Q',
    );
  });

  it('should leave a stream whose drawing is all marked unchanged', () => {
    expect(markArtifacts(bytes('q /P <</MCID 0>> BDC BT <02> Tj ET EMC Q /Artifact BMC 0 0 1 1 re f EMC'))).toBeUndefined();
    expect(markArtifacts(bytes('q 1 0 0 1 0 0 cm /G3 gs Q'))).toBeUndefined(); // no drawing at all
  });

  it('should count nested marked content, wrapping only after the outermost EMC', () => {
    const stream = '/P <</MCID 0>> BDC /Span <</ActualText (x)>> BDC (a) Tj EMC (b) Tj EMC (c) Tj';
    expect(text(markArtifacts(bytes(stream)))).toBe('/P <</MCID 0>> BDC /Span <</ActualText (x)>> BDC (a) Tj EMC (b) Tj EMC /Artifact BMC\n(c) Tj\nEMC');
  });

  it('should keep a wrap within a text object that marked content cuts', () => {
    const stream = 'BT /F1 9 Tf (a) Tj /P <</MCID 0>> BDC (b) Tj EMC (c) Tj ET';
    expect(text(markArtifacts(bytes(stream)))).toBe('BT /F1 9 Tf /Artifact BMC\n(a) Tj\nEMC /P <</MCID 0>> BDC (b) Tj EMC /Artifact BMC\n(c) Tj\nEMC ET');
  });

  it('should not let a wrap cross into a text object that marked content cuts', () => {
    const stream = '0 0 5 5 re f BT (a) Tj /P <</MCID 0>> BDC (b) Tj EMC ET';
    expect(text(markArtifacts(bytes(stream)))).toBe('/Artifact BMC\n0 0 5 5 re f\nEMC BT /Artifact BMC\n(a) Tj\nEMC /P <</MCID 0>> BDC (b) Tj EMC ET');
  });

  it('should wrap inline images and XObjects, and leave strings that look like operators alone', () => {
    const stream = '(EMC) Tj /Im1 Do BI /W 1 /H 1 ID \x00BDC EI';
    expect(text(markArtifacts(bytes(stream)))).toBe('/Artifact BMC\n(EMC) Tj /Im1 Do BI /W 1 /H 1 ID \x00BDC EI\nEMC');
  });
});
