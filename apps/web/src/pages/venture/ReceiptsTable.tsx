import type { RoundStateName } from "@aidao/sdk";
import { formatAmount, formatTime } from "../../lib/format.ts";
import { Empty } from "../../ui/States.tsx";
import { STATE_WORDS } from "./RoundsTable.tsx";
import type { ReceiptRow } from "./useVenture.ts";

export type RoundInfo = { state: RoundStateName; unlocksAt: bigint };

/** Why a receipt cannot claim now, or null when it can. */
export function claimBlocker(receipt: ReceiptRow, round: RoundInfo | undefined): string | null {
  if (!round) return "Its round is unknown.";
  if (round.state !== "Distributing") {
    return `Round ${receipt.roundId} is ${STATE_WORDS[round.state]}: earnings are claimable from ${formatTime(round.unlocksAt)}.`;
  }
  return null;
}

/** The connected account's ERC-721 receipts: round, token, amount, value at deposit, on-chain metadata, earnings. */
export function ReceiptsTable({
  receipts,
  rounds,
  busy,
  onClaim,
}: {
  receipts: ReceiptRow[];
  rounds: Map<string, RoundInfo>;
  busy: boolean;
  onClaim(receiptId: bigint): void;
}) {
  if (receipts.length === 0) return <Empty>You hold no receipts: deposit into an open round to get one.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Your venture receipts</caption>
        <thead>
          <tr>
            <th scope="col">Receipt</th>
            <th scope="col">Round</th>
            <th scope="col">Deposited</th>
            <th scope="col">Value at deposit</th>
            <th scope="col">Earnings</th>
          </tr>
        </thead>
        <tbody>
          {receipts.map((r) => {
            const blocker = claimBlocker(r, rounds.get(r.roundId.toString()));
            return (
              <tr key={r.receiptId.toString()}>
                <td>
                  <div className="venture-receipt">
                    {r.metadata?.image ? <img src={r.metadata.image} alt="" width={48} height={48} /> : null}
                    <span>
                      #{r.receiptId.toString()}
                      {r.metadata ? <span className="muted"> {r.metadata.name}</span> : null}
                    </span>
                  </div>
                </td>
                <td>{r.roundId.toString()}</td>
                <td>
                  {formatAmount(r.amount, r.decimals, r.decimals)} {r.symbol}
                </td>
                <td>${formatAmount(r.value)}</td>
                <td>
                  {r.claimable.length > 0 ? (
                    <ul className="venture-owed">
                      {r.claimable.map((c) => (
                        <li key={c.token}>
                          {formatAmount(c.amount, c.decimals, c.decimals)} {c.symbol}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">nothing to claim now </span>
                  )}
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy || blocker !== null}
                    aria-label={`Claim the earnings of receipt ${r.receiptId}`}
                    title={blocker ?? undefined}
                    onClick={() => onClaim(r.receiptId)}
                  >
                    Claim
                  </button>
                  {blocker ? <div className="muted venture-note">{blocker}</div> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
