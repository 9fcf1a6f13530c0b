import { describe, expect, it } from 'vitest';
import { notText, SNIFF_BYTES } from '../../../../src/lib/pipeline/ingest/text-sniff';

const utf8 = (text: string) => new TextEncoder().encode(text);
const whole = (bytes: Uint8Array) => notText(bytes, bytes.length);

describe('notText: empty and binary raw files are rejected whole', () => {
	it('calls a file empty when it holds nothing but a byte order mark and white space', () => {
		expect(whole(new Uint8Array())).toBe('The file is empty.');
		expect(whole(Uint8Array.of(0xef, 0xbb, 0xbf, 0x20, 0x0d, 0x0a, 0x09))).toBe('The file is empty.');
		expect(whole(utf8(' \n{"a":1}\n'))).toBeNull();
		// Blank as far as the head goes, but the file goes on: not empty.
		expect(notText(utf8('    '), 10)).toBeNull();
	});

	it('finds a NUL byte in the first 64 KB, and says where', () => {
		const bytes = utf8('a,b\n1,2\n');
		const withNul = new Uint8Array([...bytes, 0, ...bytes]);
		expect(whole(withNul)).toBe(
			'The file is binary, not text: byte 9 is a NUL byte. Raw files must be CSV or JSON text in UTF-8 (or Parquet).'
		);
		// Beyond the first 64 KB a NUL is left to the row checks.
		const late = new Uint8Array(SNIFF_BYTES + 10).fill(0x61);
		late[SNIFF_BYTES + 5] = 0;
		expect(whole(late)).toBeNull();
	});

	it('finds bytes that are not UTF-8, but not a character cut off at 64 KB', () => {
		expect(whole(Uint8Array.of(0x61, 0x2c, 0xff, 0xfe, 0x0a))).toBe(
			'The file is not UTF-8 text: its first 5 bytes hold bytes that are not UTF-8. Save it as UTF-8 and import it again.'
		);
		// "₹" is 3 bytes (E2 82 B9); put it across the 64 KB boundary.
		const bytes = new Uint8Array(SNIFF_BYTES + 2).fill(0x61);
		bytes.set([0xe2, 0x82, 0xb9], SNIFF_BYTES - 1);
		expect(whole(bytes)).toBeNull();
		// A Latin-1 file (é as E9) is not UTF-8.
		expect(whole(Uint8Array.of(0x63, 0x61, 0x66, 0xe9, 0x0a))).toMatch(/^The file is not UTF-8 text/);
	});
});
