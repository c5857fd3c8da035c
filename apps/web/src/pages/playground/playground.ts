/** Pure pieces of the playground: the faces in an answer, the charge, a gateway refusal in words. */

export type Box = { x: number; y: number; width: number; height: number };
export type Face = { box: Box; score: number };
export type Detection = { width: number; height: number; faces: Face[] };

/** The faces of a face-detection answer, or null when the answer is something else. */
export function detectionOf(result: unknown): Detection | null {
  const r = result as Partial<Detection> | null;
  if (!r || !Array.isArray(r.faces) || typeof r.width !== "number" || typeof r.height !== "number") return null;
  return { width: r.width, height: r.height, faces: r.faces };
}

/** A box as percentages of the image, so it scales with however large the photo is shown. */
export function boxPercent(box: Box, width: number, height: number) {
  const pct = (v: number, of: number) => `${((100 * v) / of).toFixed(3)}%`;
  return {
    left: pct(box.x, width),
    top: pct(box.y, height),
    width: pct(box.width, width),
    height: pct(box.height, height),
  };
}

/** "3 faces" / "1 face". */
export const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** What a gateway refusal means for the person using the playground. */
export function describeGatewayError(e: {
  status?: number | undefined;
  code?: string | undefined;
  message?: string | undefined;
  retryAfter?: number | undefined;
}): string {
  switch (e.code) {
    case "BUSY":
      return `The model is busy right now. Try again in ${e.retryAfter ?? "a few"} s (the gateway said: ${e.message}).`;
    case "BAD_INPUT":
    case "UNSUPPORTED_MEDIA_TYPE":
      return `The model could not read this photo (${e.message}).`;
    case "BODY_TOO_LARGE":
      return `The photo is too large for the gateway: ${e.message}.`;
    case "DEPOSIT_TOO_LOW":
      return `The channel's deposit is spent: ${e.message}. Open a new channel with a larger deposit.`;
    case "CHANNEL_EXPIRED":
      return `The channel has expired: ${e.message}. Open a new one.`;
    case "UNKNOWN_CHANNEL":
      return `The gateway does not know this channel yet: ${e.message}. Wait a few seconds for it to see the block, then retry.`;
    case "OVERCHARGED":
      return `Stopped: the gateway claimed more than you signed (${e.message}). Nothing more was paid.`;
    case "VOUCHER_TOO_LOW":
    case "INVALID_SIGNATURE":
    case "PAYMENT_REQUIRED":
    case "PAYMENT_FAILED":
      return `The gateway refused the payment (${e.code}): ${e.message}.`;
    default:
      if (e.status === 402) return `Payment required: ${e.message}.`;
      if (e.status === 429) return `Too many requests: try again in ${e.retryAfter ?? "a few"} s.`;
      return `The gateway refused the call${e.code ? ` (${e.code})` : ""}: ${e.message ?? `HTTP ${e.status}`}.`;
  }
}

/** Validates the deposit typed for a new channel against the wallet's balance; null when it is fine. */
export function depositError(
  amount: bigint | null,
  text: string,
  balance: bigint | undefined,
  symbol: string,
): string | null {
  if (text.trim() === "") return "Enter how much to deposit.";
  if (amount === null) return `"${text}" is not a positive amount.`;
  if (balance !== undefined && amount > balance)
    return `You hold less than that: your balance is too low for this deposit of ${text} ${symbol}.`;
  return null;
}

/** Validates the channel's lifetime in days; null when it is fine. */
export function daysError(text: string): string | null {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(n > 0)) return "Enter a positive number of days.";
  if (n > 365) return "At most 365 days.";
  return null;
}
