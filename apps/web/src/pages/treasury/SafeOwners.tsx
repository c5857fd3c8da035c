import type { Address as Addr } from "viem";
import { Address } from "../../ui/Address.tsx";
import { Stat } from "../../ui/Card.tsx";

/** The Safe's signers as the chain has them. */
export function SafeOwners({
  safe,
  owners,
  threshold,
  nonce,
}: {
  safe: Addr;
  owners: readonly Addr[] | undefined;
  threshold: bigint | undefined;
  nonce: bigint | undefined;
}) {
  return (
    <>
      <div className="stats">
        <Stat label="Safe" value={<Address address={safe} />} />
        <Stat
          label="Signatures needed"
          value={threshold === undefined || owners === undefined ? "…" : `${threshold} of ${owners.length}`}
        />
        <Stat label="Transactions executed" value={nonce === undefined ? "…" : String(nonce)} hint="the Safe's nonce" />
      </div>
      <ul aria-label="Safe owners">
        {(owners ?? []).map((o) => (
          <li key={o}>
            <Address address={o} />
          </li>
        ))}
      </ul>
    </>
  );
}
