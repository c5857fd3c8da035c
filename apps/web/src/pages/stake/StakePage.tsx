import { approveIfShort, BaseError, delegate, stake, toAidaoError, unstake } from "@aidao/sdk";
import { useContracts } from "../../config.ts";
import { formatAmount, formatDuration, formatTime } from "../../lib/format.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTx } from "../../tx/useTx.ts";
import { Card, PageHead } from "../../ui/Card.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/States.tsx";
import { useMe, useSigner } from "../../wallet/useSigner.ts";
import { maturityOf, notMaturedHint } from "./maturity.ts";
import { PositionCard } from "./PositionCard.tsx";
import { AmountForm, DelegateForm } from "./StakeForms.tsx";
import { useChainNow } from "./useChainNow.ts";
import { useStakePosition } from "./useStakePosition.ts";
import "./stake.css";

export default function StakePage() {
  const { address } = useMe();
  const signer = useSigner();
  const c = useContracts();
  const { position, isLoading, error } = useStakePosition(address);
  const now = useChainNow();
  const stakeTx = useTx();
  const unstakeTx = useTx();
  const delegateTx = useTx();

  const head = (
    <PageHead title="Stake">
      Stake AIDAO for voting power in the main DAO. A stake counts, and can be withdrawn, once the minimum staking
      period has passed.
    </PageHead>
  );
  if (!address) {
    return (
      <>
        {head}
        <Empty>Connect a wallet (top right) to see and manage your stake.</Empty>
      </>
    );
  }
  if (error || isLoading || !position) {
    return (
      <>
        {head}
        {error ? <ErrorNote error={error} /> : <Loading what="Reading your stake" />}
      </>
    );
  }

  const staking = c.Staking.address;
  const m = maturityOf(position, now);
  const needSigner = () => {
    if (!signer) throw new BaseError("The wallet is not ready to sign yet; try again in a moment.");
    return signer;
  };

  const onStake = (amount: bigint) =>
    stakeTx.run("Stake", async () => {
      const s = needSigner();
      await approveIfShort(s, { token: c.AIDAOToken.address, spender: staking, amount });
      return stake(s, { staking, amount });
    });
  const onUnstake = (amount: bigint) =>
    unstakeTx.run("Unstake", async () => {
      try {
        return await unstake(needSigner(), { staking, amount });
      } catch (e) {
        const error = toAidaoError(e);
        // The contract says how much is withdrawable; people also want to know when the rest will be.
        if (error.errorName !== "StakingInsufficientMatured") throw error;
        throw new BaseError(`${error.shortMessage}${notMaturedHint(position, now)}`, { cause: error });
      }
    });
  const onDelegate = (delegatee: `0x${string}`) =>
    delegateTx.run("Delegate", async () => {
      try {
        return await delegate(needSigner(), { staking, delegatee });
      } catch (e) {
        const error = toAidaoError(e);
        // The SDK counts the time left on the wall clock; the chain's clock is the one that matters here.
        if (error.errorName !== "StakingDelegateWhileMaturing") throw error;
        const at = Number(error.args?.[1] ?? position.maturesAt);
        throw new BaseError(
          `Stake still maturing: the contract refuses a new delegate until all of your stake has matured, in ${formatDuration(at - now)} (${formatTime(at)}).`,
          { cause: error },
        );
      }
    });

  return (
    <>
      {head}
      <PositionCard account={address} position={position} now={now} />
      <div className="grid stake-actions">
        <Card title="Stake AIDAO">
          <AmountForm
            label="Amount to stake"
            action="Stake"
            busy={stakeTx.busy}
            max={{ value: position.balance, message: (max) => `You hold only ${max} AIDAO in your wallet.` }}
            hint={
              <>
                In your wallet: {formatAmount(position.balance, 18, 4)} AIDAO. Approves the Staking contract first if
                its allowance ({formatAmount(position.allowance)} AIDAO) is short. Counts after{" "}
                {formatDuration(Number(position.minStakePeriod))}.
              </>
            }
            onSubmit={onStake}
          />
          <TxStatus state={stakeTx.state} />
        </Card>
        <Card title="Unstake">
          <AmountForm
            label="Amount to unstake"
            action="Unstake"
            busy={unstakeTx.busy}
            hint={
              <>
                Withdrawable now: {formatAmount(position.matured, 18, 4)} AIDAO (matured stake only). Your principal
                comes back exactly.
              </>
            }
            onSubmit={onUnstake}
          />
          <TxStatus state={unstakeTx.state} />
        </Card>
        <Card title="Delegate">
          <DelegateForm
            self={address}
            busy={delegateTx.busy}
            warning={
              m.state === "maturing"
                ? `Part of your stake is still maturing: the contract refuses to change your delegate until ${formatTime(position.maturesAt)} (in ${formatDuration(m.left)}).`
                : undefined
            }
            onSubmit={onDelegate}
          />
          <TxStatus state={delegateTx.state} />
        </Card>
      </div>
    </>
  );
}
