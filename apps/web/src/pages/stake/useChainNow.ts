import { useEffect, useState } from "react";
import { useBlock } from "wagmi";

/**
 * The chain's clock in unix seconds, ticking every second. A local chain's clock may run ahead of ours (time travel),
 * so the latest block's timestamp wins whenever it is later than the wall clock.
 */
export function useChainNow(): number {
  const { data: block, dataUpdatedAt } = useBlock({ watch: true });
  const [wall, setWall] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setWall(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  const wallSeconds = Math.floor(wall / 1000);
  if (!block) return wallSeconds;
  const sinceRead = Math.max(0, Math.floor((wall - dataUpdatedAt) / 1000));
  return Math.max(wallSeconds, Number(block.timestamp) + sinceRead);
}
