import { rewardsDistributorAbi, writeChecked } from "@aidao/sdk";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useContracts } from "../../config.ts";
import { formatAmount, formatTime } from "../../lib/format.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTx } from "../../tx/useTx.ts";
import { Card } from "../../ui/Card.tsx";
import { useSigner } from "../../wallet/useSigner.ts";
import { ClaimForm } from "./ClaimForm.tsx";
import { ScheduleChart } from "./ScheduleChart.tsx";
import { epochVested, sample } from "./schedule.ts";
import type { Epoch } from "./useRewards.ts";

/** An epoch's list, when its URI is one the browser can fetch (so the claim needs no pasting). */
function useEpochList(uri: string) {
  const fetchable = /^(https?:\/\/|\/)/.test(uri);
  return useQuery({
    queryKey: ["epoch-list", uri],
    queryFn: async () => (await fetch(uri)).text(),
    enabled: fetchable,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** One epoch: what it gives, what of the account's share has vested, and the claim. */
export function EpochCard({ epoch, account, end, now }: { epoch: Epoch; account: Address; end: bigint; now: number }) {
  const c = useContracts();
  const signer = useSigner();
  const tx = useTx();
  const list = useEpochList(epoch.uri);
  const label = `Claim epoch ${epoch.id}`;
  const send = (amount: bigint, proof: `0x${string}`[]) =>
    tx.run(label, async () => {
      if (!signer) throw new Error("The wallet is not ready to sign yet; try again in a moment.");
      return writeChecked(signer, {
        address: c.RewardsDistributor.address,
        abi: rewardsDistributorAbi,
        functionName: "claim",
        args: [epoch.id, account, amount, proof],
      });
    });
  const vested = epochVested(epoch.registered, epoch.start, end, BigInt(now));
  const claimable = vested > epoch.released ? vested - epoch.released : 0n;
  return (
    <Card title={`Epoch ${epoch.id}`}>
      <p>
        Posted {formatTime(epoch.start)}: {formatAmount(epoch.total)} AIDAO in all, vesting linearly until{" "}
        {formatTime(end)}.{" "}
        {epoch.uri ? (
          <>
            List: <code>{epoch.uri}</code>
          </>
        ) : null}
      </p>
      {epoch.registered > 0n ? (
        <>
          <ScheduleChart
            title="Your allocation"
            points={sample((t) => epochVested(epoch.registered, epoch.start, end, t), Number(epoch.start), Number(end))}
            total={epoch.registered}
            now={now}
            vestedNow={vested}
            released={epoch.released}
            markers={[
              { t: Number(epoch.start), label: "posted" },
              { t: Number(end), label: "fully vested" },
            ]}
          />
          <button type="button" disabled={tx.busy || claimable === 0n} onClick={() => send(epoch.registered, [])}>
            Claim {formatAmount(claimable)} AIDAO vested
          </button>
          {claimable === 0n ? <p className="muted">Nothing has vested since your last claim.</p> : null}
        </>
      ) : (
        <ClaimForm
          key={list.data ?? ""}
          account={account}
          epoch={epoch.id}
          root={epoch.root}
          initial={list.data ?? ""}
          busy={tx.busy}
          onClaim={(claim) => send(claim.amount, claim.proof)}
        />
      )}
      <TxStatus state={tx.state} />
    </Card>
  );
}
