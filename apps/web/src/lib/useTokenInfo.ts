import { type Address, erc20Abi, zeroAddress } from "viem";
import { useReadContracts } from "wagmi";

export type TokenInfo = { address: string; symbol: string; decimals: number };

/**
 * Each token's symbol and decimals, read on chain (lower-cased address → info; missing until read). The zero address
 * is ETH, as the treasury's events write it.
 */
export function useTokenInfo(tokens: string[]): Map<string, TokenInfo> {
  const unique = [...new Set(tokens.map((t) => t.toLowerCase()))].filter((t) => t !== zeroAddress);
  const { data } = useReadContracts({
    contracts: unique.flatMap((t) => [
      { address: t as Address, abi: erc20Abi, functionName: "symbol" } as const,
      { address: t as Address, abi: erc20Abi, functionName: "decimals" } as const,
    ]),
    query: { staleTime: Number.POSITIVE_INFINITY, refetchInterval: false },
  });
  const out = new Map<string, TokenInfo>([[zeroAddress, { address: zeroAddress, symbol: "ETH", decimals: 18 }]]);
  unique.forEach((t, i) => {
    const symbol = data?.[2 * i]?.result;
    const decimals = data?.[2 * i + 1]?.result;
    if (typeof symbol === "string" && typeof decimals === "number") out.set(t, { address: t, symbol, decimals });
  });
  return out;
}
