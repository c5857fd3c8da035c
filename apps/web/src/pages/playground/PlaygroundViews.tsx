import { type FormEvent, useState } from "react";
import { formatAmount, formatTime, parseAmount, relative } from "../../lib/format.ts";
import { Field } from "../../ui/Field.tsx";
import { boxPercent, type Detection, daysError, depositError, plural } from "./playground.ts";

export type TokenView = { symbol: string; decimals: number };

/** The form that opens a payment channel: a deposit and how long it lasts. Keeps what was typed on failure. */
export function OpenChannelForm({
  token,
  balance,
  unitPrice,
  unit,
  busy,
  onOpen,
}: {
  token: TokenView;
  balance: bigint | undefined;
  unitPrice: bigint;
  unit: string;
  busy: boolean;
  onOpen(amount: bigint, days: number): void;
}) {
  const [deposit, setDeposit] = useState(() =>
    formatAmount(unitPrice * 100n, token.decimals, token.decimals).replace(/,/g, ""),
  );
  const [days, setDays] = useState("7");
  const [touched, setTouched] = useState(false);
  const amount = parseAmount(deposit, token.decimals);
  const amountError = depositError(amount, deposit, balance, token.symbol);
  const lifeError = daysError(days);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (amountError || lifeError || amount === null) return;
    onOpen(amount, Number(days));
  };
  return (
    <form className="row" onSubmit={submit} aria-label="Open a channel">
      <Field
        label={`Deposit (${token.symbol})`}
        inputMode="decimal"
        value={deposit}
        onChange={(e) => setDeposit(e.target.value)}
        error={touched ? amountError : null}
        hint={
          amount && unitPrice > 0n
            ? `pays for up to ${plural(Number(amount / unitPrice), unit)}${balance !== undefined ? `; you hold ${formatAmount(balance, token.decimals)}` : ""}`
            : undefined
        }
      />
      <Field
        label="Lasts (days)"
        inputMode="decimal"
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={touched ? lifeError : null}
        hint="the unspent rest comes back after it"
      />
      <button type="submit" disabled={busy}>
        Open channel
      </button>
    </form>
  );
}

export type ChannelView = { channelId: string; deposit: bigint; charged: bigint; expiresAt: bigint };

/** The channel paying for the calls: what was deposited, charged so far, and left. */
export function ChannelSummary({ channel, token }: { channel: ChannelView; token: TokenView }) {
  const f = (v: bigint) => `${formatAmount(v, token.decimals, 4)} ${token.symbol}`;
  const left = channel.deposit > channel.charged ? channel.deposit - channel.charged : 0n;
  return (
    <dl className="channel-summary" aria-label="Your channel">
      <dt>Channel</dt>
      <dd>
        <code className="wrap">{channel.channelId}</code>
      </dd>
      <dt>Deposit</dt>
      <dd>{f(channel.deposit)}</dd>
      <dt>Charged so far</dt>
      <dd data-testid="channel-charged">{f(channel.charged)}</dd>
      <dt>Remaining</dt>
      <dd data-testid="channel-remaining">{f(left)}</dd>
      <dt>Expires</dt>
      <dd>
        {formatTime(channel.expiresAt)} ({relative(channel.expiresAt)})
      </dd>
    </dl>
  );
}

/** The photo with a box over each face found, scaled with the photo. */
export function FacesImage({ src, detection, alt }: { src: string; detection: Detection | null; alt: string }) {
  return (
    <figure className="faces">
      <div className="faces-frame">
        <img src={src} alt={alt} />
        {detection?.faces.map((f, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: faces have no identity but their order
            key={i}
            className="face-box"
            role="img"
            aria-label={`Face ${i + 1} (score ${f.score.toFixed(2)})`}
            style={boxPercent(f.box, detection.width, detection.height)}
          />
        ))}
      </div>
      {detection ? <figcaption>{plural(detection.faces.length, "face")} found</figcaption> : null}
    </figure>
  );
}

/** The charge of one call: units × unit price. */
export function ChargeLine({
  units,
  unit,
  unitPrice,
  charge,
  token,
}: {
  units: number;
  unit: string;
  unitPrice: bigint;
  charge: bigint;
  token: TokenView;
}) {
  const f = (v: bigint) => formatAmount(v, token.decimals, 6);
  return (
    <p className="charge" role="status">
      Charge: {plural(units, unit)} × {f(unitPrice)} {token.symbol} ={" "}
      <strong>
        {f(charge)} {token.symbol}
      </strong>
    </p>
  );
}
