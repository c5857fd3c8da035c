import { zeroAddress } from "viem";
import { formatAmount, formatDuration, formatTime } from "../../lib/format.ts";
import { Address } from "../../ui/Address.tsx";
import { Card, Stat } from "../../ui/Card.tsx";
import { countdown, maturityOf, type StakePosition } from "./maturity.ts";

const aidao = (v: bigint) => `${formatAmount(v)} AIDAO`;

/** The account's stake, what of it counts and when the rest will: the figures of `aidao stake show`. */
export function PositionCard({ account, position, now }: { account: string; position: StakePosition; now: number }) {
  const m = maturityOf(position, now);
  const delegate =
    position.delegate === zeroAddress ? (
      "Nobody yet"
    ) : position.delegate.toLowerCase() === account.toLowerCase() ? (
      "Yourself"
    ) : (
      <Address address={position.delegate} />
    );
  return (
    <Card title="Your stake">
      <div className="stats">
        <Stat label="Wallet" value={aidao(position.balance)} hint="AIDAO not staked" />
        <Stat label="Staked" value={aidao(position.staked)} />
        <Stat label="Matured" value={aidao(position.matured)} hint="counts for voting, withdrawable" />
        <Stat label="Voting power" value={aidao(position.votes)} hint="matured stake delegated to you" />
        <Stat label="Delegate" value={delegate} hint="who votes with your stake" />
      </div>
      <section className="maturity" aria-label="Maturity">
        {m.state === "maturing" ? (
          <>
            <p>
              <span className="badge live">Maturing</span> {formatAmount(m.maturing)} AIDAO counts for voting and can be
              withdrawn in{" "}
              <strong className="countdown" role="timer" aria-label={`Matures in ${formatDuration(m.left)}`}>
                {countdown(m.left)}
              </strong>{" "}
              (on {formatTime(position.maturesAt)}).
            </p>
            <progress
              max={Number(position.minStakePeriod)}
              value={Math.max(0, Number(position.minStakePeriod) - m.left)}
              aria-label="Share of the staking period passed"
            />
          </>
        ) : m.state === "matured" ? (
          <p>
            <span className="badge ok">Matured</span> All of your stake counts for voting and can be withdrawn.
          </p>
        ) : (
          <p className="muted">Nothing staked yet: stake AIDAO below to get voting power.</p>
        )}
        <p className="muted">
          Minimum staking period: {formatDuration(Number(position.minStakePeriod))}. A new stake counts for voting, and
          can be withdrawn, only once it has passed.
        </p>
      </section>
    </Card>
  );
}
