/**
 * @file How CPython spells numbers as text, in both directions, so Phy's files round-trip.
 *
 * Phy reads every TSV cell with `int()`, then `float()`, and writes values back with `str()` (label
 * files) or `'%.8f'` (cluster_info.tsv). Matching those bytes needs Python's exact rules, which
 * differ from JavaScript's in layout (`100.0` vs `100`, `1e-05` vs `0.00001`), in rounding of ties
 * (`'%.0f' % 2.5` is `2`, `(2.5).toFixed(0)` is `3`) and in what a string may contain (underscores,
 * Unicode digits and spaces). The same goes for number and string literals in Python source,
 * which params.py is made of. Reference behaviour: CPython 3.11.
 */

/** CPython's `int(str)` refuses decimal strings longer than this (3.11+, `sys.int_info`). */
const PY_INT_MAX_STR_DIGITS = 4300;

/** Non-ASCII characters for which `str.isspace()` holds: int()/float() strip them like ' '. */
const UNICODE_SPACES = /[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/gu;
/** ASCII whitespace that int()/float() strip (\x1c-\x1f are isspace() but are NOT stripped). */
const ASCII_SPACE_RUN = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;
const DECIMAL_DIGIT = /\p{Nd}/u;

const INT_SYNTAX = /^[+-]?[0-9](?:_?[0-9])*$/;
const FLOAT_SYNTAX =
  /^[+-]?(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const FLOAT_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/**
 * The ASCII digit of a Unicode decimal digit. Unicode guarantees that every Nd digit belongs to a
 * contiguous run 0..9 (runs may touch), so the value is the distance to the run's start mod 10.
 */
function asciiDigit(ch: string): string {
  let start = ch.codePointAt(0)!;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return String((ch.codePointAt(0)! - start) % 10);
}

/**
 * CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII` followed by the strip of ASCII
 * whitespace: Unicode spaces become ' ', Unicode decimal digits become ASCII digits.
 */
function normalizeNumericText(text: string): string {
  let out = text.replace(UNICODE_SPACES, ' ');
  if (/[^\x00-\x7f]/.test(out)) {
    out = Array.from(out, (ch) =>
      ch > '\x7f' && DECIMAL_DIGIT.test(ch) ? asciiDigit(ch) : ch,
    ).join('');
  }
  return out.replace(ASCII_SPACE_RUN, '');
}

/**
 * Python `int(text)` for a str (base 10): surrounding whitespace, a sign, single underscores between
 * digits, leading zeros and Unicode digits are accepted. Returns undefined where Python raises
 * ValueError. Integers beyond 2^53 lose precision (JavaScript numbers).
 */
export function parsePythonInt(text: string): number | undefined {
  const t = normalizeNumericText(text);
  if (!INT_SYNTAX.test(t)) return undefined;
  const digits = t.replace(/[+_-]/g, '');
  if (digits.length > PY_INT_MAX_STR_DIGITS) return undefined;
  const value = Number(digits);
  return t.startsWith('-') && value !== 0 ? -value : value;
}

/**
 * Python `float(text)` for a str: the int() rules plus a fraction and an exponent, and the
 * case-insensitive words inf, infinity and nan with an optional sign. Out-of-range values become
 * +-Infinity (as in Python). Returns undefined where Python raises ValueError.
 */
export function parsePythonFloat(text: string): number | undefined {
  const t = normalizeNumericText(text);
  const special = FLOAT_SPECIAL.exec(t);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  // JavaScript's Number() rounds correctly, like Python; it only lacks underscore support.
  return FLOAT_SYNTAX.test(t) ? Number(t.replace(/_/g, '')) : undefined;
}

/** Python `str(int)`: plain digits at any magnitude (JavaScript would switch to `1e+21`). */
export function formatPythonInt(value: number): string {
  if (!Number.isInteger(value)) throw new RangeError(`formatPythonInt: ${value} is not an integer`);
  return BigInt(value).toString();
}

/**
 * The shortest round-trip digits of a finite positive number and the decimal exponent of the
 * first digit, read from JavaScript's own shortest representation (same digits as Python's).
 */
function shortestDigits(abs: number): { digits: string; exponent: number } {
  const [mantissa, exp] = String(abs).split('e') as [string, string | undefined];
  const [whole, frac = ''] = mantissa.split('.') as [string, string | undefined];
  let digits = whole + frac;
  let exponent = exp === undefined ? whole.length - 1 : Number(exp);
  const leadingZeros = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leadingZeros).replace(/0+$/, '');
  exponent -= leadingZeros;
  return { digits: digits || '0', exponent };
}

/**
 * Python 3 `repr(float)` (= `str(float)`): shortest round-trip digits, fixed notation with at least
 * one fractional digit (`100.0`) when the decimal exponent is in [-4, 16), else `1e-05`,
 * `1.5e+20`; `nan`, `inf`, `-inf`, `-0.0`.
 */
export function formatPythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const { digits, exponent } = shortestDigits(Math.abs(x));
  if (exponent < -4 || exponent >= 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits.padEnd(exponent + 1, '0')}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** The exact value of a finite non-negative double as mantissa * 2^exponent. */
function exactBinary(abs: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  if (biased === 0) return { mantissa: fraction, exponent: -1074 }; // subnormal
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/**
 * Python `'%.<decimals>f' % x` (C printf): the exact binary value rounded half-to-even to
 * `decimals` places, never in exponent form (`1e22` prints all 23 digits), the sign of negative
 * zero and of values that round to zero kept (`-0.00`), and `nan` / `inf` / `-inf`.
 */
export function formatPercentF(x: number, decimals: number): string {
  if (!Number.isInteger(decimals) || decimals < 0) {
    throw new RangeError(`formatPercentF: invalid number of decimals ${decimals}`);
  }
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const { mantissa, exponent } = exactBinary(Math.abs(x));
  const pow10 = 10n ** BigInt(decimals);
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * pow10;
  } else {
    const shift = BigInt(-exponent);
    const numerator = mantissa * pow10;
    const quotient = numerator >> shift;
    const remainder = numerator - (quotient << shift);
    const half = 1n << (shift - 1n);
    const roundUp = remainder > half || (remainder === half && (quotient & 1n) === 1n);
    scaled = roundUp ? quotient + 1n : quotient;
  }
  const digits = scaled.toString().padStart(decimals + 1, '0');
  if (decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** Python's default str ordering: by Unicode code point (JavaScript's sort compares UTF-16 units). */
export function comparePythonStr(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const d = ca[i]!.codePointAt(0)! - cb[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * The value of a non-raw Python str literal body (between the quotes): `\n`, `\t`, `\\`, `\'`,
 * octal `\ooo`, `\xhh`, `\uXXXX`, `\UXXXXXXXX`, backslash-newline (removed); unknown escapes keep
 * their backslash. `\N{name}` needs Unicode's name table and is reported as a problem.
 */
export function decodePythonEscapes(body: string): { value: string; problem?: string } {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const e = body[++i]!;
    const hexDigits = { x: 2, u: 4, U: 8 }[e as 'x' | 'u' | 'U'];
    if (e === '\n') continue; // backslash-newline continues the string on the next line
    if (e === '\\' || e === "'" || e === '"') out += e;
    else if (e === 'v') out += '\v';
    else if (e in ESCAPES) out += ESCAPES[e];
    else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out += String.fromCodePoint(parseInt(oct, 8));
      i += oct.length - 1;
    } else if (hexDigits !== undefined) {
      const digits = body.slice(i + 1, i + 1 + hexDigits);
      const code = parseInt(digits, 16);
      if (!/^[0-9a-fA-F]*$/.test(digits) || digits.length < hexDigits || code > 0x10ffff) {
        return { value: out, problem: `invalid \\${e} escape in a string` };
      }
      out += String.fromCodePoint(code);
      i += hexDigits;
    } else if (e === 'N') return { value: out, problem: 'a \\N{...} escape (not supported)' };
    else out += `\\${e}`;
  }
  return { value: out };
}

/** Python's grammar for a number literal in source code (no sign: `-` is an operator). */
export const PY_NUMBER_LITERAL_SOURCE =
  '0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|' +
  '(?:[0-9](?:_?[0-9])*(?:\\.(?:[0-9](?:_?[0-9])*)?)?|\\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?';
const NUMBER_LITERAL = new RegExp(`^(?:${PY_NUMBER_LITERAL_SOURCE})`);

/**
 * The value of a Python source number literal (`30000`, `30000.`, `3e4`, `.5`, `1_000`, `0x1F`,
 * `0o17`, `0b101`). Complex numbers (`1j`), leading zeros (`007`) and anything glued to the
 * number (`1abc`) are reported as problems, as Python (or we) would refuse them.
 */
export function parsePythonNumberLiteral(text: string): { value: number } | { problem: string } {
  const body = NUMBER_LITERAL.exec(text)?.[0];
  if (body === undefined) return { problem: `invalid number '${text}'` };
  const glued = text.slice(body.length);
  if (glued)
    return { problem: /^[jJ]$/.test(glued) ? 'complex number' : `invalid number '${text}'` };
  const plain = body.replace(/_/g, '');
  if (/^0[xob]/i.test(plain)) {
    const radix = { x: 16, o: 8, b: 2 }[plain[1]!.toLowerCase() as 'x' | 'o' | 'b'];
    return { value: parseInt(plain.slice(2), radix) };
  }
  if (/^0+[1-9]/.test(plain) && !/[.e]/i.test(plain)) {
    return { problem: `integer literal with leading zeros '${text}'` };
  }
  return { value: Number(plain) };
}
