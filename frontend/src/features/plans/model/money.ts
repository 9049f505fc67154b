/** The number of minor-unit digits of an ISO 4217 currency (2 for USD, 0 for PYG). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Reads an amount typed by a person (`2500`, `2500.5`, `2.500,50`, `2,500.50`) into integer minor
 * units of `currency`, without a float ever holding it. Null when it is not an amount.
 */
export function toMinorUnits(input: string, currency: string): number | null {
  let s = input.trim().replace(/\s/g, "");
  if (!s) return null;
  const negative = s.startsWith("-");
  if (negative) s = s.slice(1);
  // The last `.` or `,` followed by 1–3 digits at the end is the decimal mark when the other mark
  // also appears or it is followed by fewer than 3 digits.
  const m = /^(.*?)([.,])(\d{1,3})$/.exec(s);
  let whole = s;
  let fraction = "";
  if (m && (m[3].length < 3 || m[1].includes(m[2] === "." ? "," : "."))) {
    whole = m[1];
    fraction = m[3];
  }
  whole = whole.replace(/[.,]/g, "");
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return null;
  const digits = minorDigits(currency);
  if (fraction.length > digits) return null;
  const minor = Number(whole + fraction.padEnd(digits, "0"));
  if (!Number.isSafeInteger(minor)) return null;
  return negative ? -minor : minor;
}

/** Minor units back to the plain decimal a form shows (`250000`, USD → `2500.00`). */
export function fromMinorUnits(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const abs = Math.abs(Math.trunc(minor)).toString().padStart(digits + 1, "0");
  const text = digits > 0 ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs;
  return (minor < 0 ? "-" : "") + text;
}
