/** Checksums and shape tests shared by the detectors (pure functions, no I/O beyond data files read once). */
import { readDataFile } from '../../vocab/data-file.js';

/** Luhn (mod 10) over a string of decimal digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit that completes `body`. */
export function luhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return String(d);
  throw new Error(`no Luhn digit for ${body}`);
}

let mccs: Set<string> | undefined;

/** True when `mcc` (3 digits) is a mobile country code in use. */
export function plausibleMcc(mcc: string): boolean {
  mccs ??= new Set(readDataFile<{ mcc: number[] }>('data', 'detect', 'mcc.json').mcc.map(String));
  return mccs.has(mcc);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the 17 leading digits of a Chinese resident ID. */
export function chineseIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/** An 18-character resident ID: region code, real birth date not in the future, check character. */
export function chineseIdValid(id: string, now = new Date()): boolean {
  const m = /^([1-8]\d{5})(\d{4})(\d{2})(\d{2})\d{3}([\dX])$/i.exec(id);
  if (!m) return false;
  const [year, month, day] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth > now) return false;
  return chineseIdCheck(id.slice(0, 17)) === id[17]!.toUpperCase();
}

/** Card number lengths by issuer prefix: a Luhn-valid number with an unknown prefix is not a card. */
export function bankCardValid(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits) || !luhnValid(digits) || /^(\d)\1+$/.test(digits)) return false;
  const n = digits.length;
  if (/^4/.test(digits)) return n === 13 || n === 16 || n === 19;
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return n === 16;
  if (/^3[47]/.test(digits)) return n === 15;
  if (/^62/.test(digits)) return n >= 16 && n <= 19;
  if (/^(6011|64[4-9]|65)/.test(digits)) return n === 16 || n === 19;
  if (/^35(2[89]|[3-8]\d)/.test(digits)) return n >= 16 && n <= 19;
  return false;
}

/** 15-digit IMEI (or 14 digits + check) with a plausible type-allocation code. */
export function imeiValid(digits: string): boolean {
  if (!/^\d{15}$/.test(digits) || !luhnValid(digits)) return false;
  // Reporting bodies 01, 35, 86, 99 … : a TAC starting 00 or a run of one digit is a placeholder.
  return !digits.startsWith('00') && !/^(\d)\1{13}/.test(digits);
}

/** 15-digit IMSI with a known MCC. */
export function imsiValid(digits: string): boolean {
  return /^\d{15}$/.test(digits) && plausibleMcc(digits.slice(0, 3)) && !/^(\d)\1+$/.test(digits.slice(5));
}

/** ICCID: 89 (telecom), country code, 19 or 20 digits, Luhn over the number. */
export function iccidValid(value: string): boolean {
  const digits = value.replace(/F$/i, '');
  return /^89\d{17,18}$/.test(digits) && luhnValid(digits.slice(0, 19));
}

/** MEID: 14 hex digits with a regional code A0–FF, or its 18-digit decimal form. */
export function meidValid(value: string): boolean {
  return /^[A-F][0-9A-F]{13}$/i.test(value) || /^(2[5-9]\d|[3-9]\d\d)\d{15}$/.test(value);
}

/** Six octets written with ':' or '-', or 12 bare hex digits; never broadcast, zero or the Android placeholder. */
export function macAddress(value: string, bareAllowed: boolean): string | undefined {
  const m = /^([0-9a-f]{2})([:-])((?:[0-9a-f]{2}\2){4}[0-9a-f]{2})$/i.exec(value);
  let hex: string | undefined;
  if (m) hex = value.replace(/[:-]/g, '');
  else if (bareAllowed && /^[0-9a-f]{12}$/i.test(value)) hex = value;
  if (!hex) return undefined;
  const lower = hex.toLowerCase();
  if (lower === 'ffffffffffff' || lower === '000000000000' || lower === '020000000000') return undefined;
  if (/^(..)\1{5}$/.test(lower)) return undefined;
  return lower.match(/../g)!.join(':');
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for an all-zero UUID (an advertising ID when the user limits ad tracking). */
export function zeroUuid(value: string): boolean {
  return /^[0-]+$/.test(value);
}

/** Dotted IPv4 address with octets 0–255 and no leading zeros. */
export function ipv4(value: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (m.slice(1).some((o) => o.length > 1 && o.startsWith('0')) || octets.some((o) => o > 255)) return undefined;
  return octets;
}

/** Digits after the decimal point of a number written as text. */
export function decimals(value: string): number {
  const m = /\.(\d+)$/.exec(value);
  return m ? m[1]!.length : 0;
}
