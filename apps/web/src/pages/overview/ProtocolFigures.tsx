import { formatAmount, formatBps } from "../../lib/format.ts";
import { Stat } from "../../ui/Card.tsx";
import { shareBps } from "./series.ts";

export type FiguresProps = {
  supply: bigint | undefined;
  staked: bigint | undefined;
  educationBps: number | undefined;
  daoCount: bigint | undefined;
  openOnChain: number | undefined;
  openOffChain: number | undefined;
  channels: { open: number; total: number; payments: number } | undefined;
};

const or = <T,>(v: T | undefined, show: (v: T) => string) => (v === undefined ? "…" : show(v));

/** The protocol's headline figures (each "…" until read). */
export function ProtocolFigures(p: FiguresProps) {
  const stakedShare = p.supply !== undefined && p.staked !== undefined ? shareBps(p.staked, p.supply) : undefined;
  return (
    <div className="stats">
      <Stat label="AIDAO supply" value={or(p.supply, (v) => formatAmount(v, 18, 0))} />
      <Stat
        label="Total staked"
        value={or(p.staked, (v) => formatAmount(v, 18, 0))}
        hint={stakedShare === undefined ? undefined : `${formatBps(stakedShare)} of the supply`}
      />
      <Stat
        label="Education share"
        value={or(p.educationBps, formatBps)}
        hint="of every income to the treasury (at least 8%)"
      />
      <Stat label="AI DAOs" value={or(p.daoCount, String)} />
      <Stat
        label="Open proposals"
        value={
          p.openOnChain === undefined && p.openOffChain === undefined
            ? "…"
            : (p.openOnChain ?? 0) + (p.openOffChain ?? 0)
        }
        hint={`${p.openOnChain ?? "…"} on chain, ${p.openOffChain ?? "…"} off chain`}
      />
      <Stat
        label="Usage channels"
        value={or(p.channels, (c) => String(c.total))}
        hint={p.channels ? `${p.channels.open} open, ${p.channels.payments} paid redemptions` : undefined}
      />
    </div>
  );
}
