import type { SignerClient } from "@aidao/sdk";
import type { Address } from "viem";
import { useAccount, useConnectors, useWalletClient } from "wagmi";
import { useAppConfig } from "../config.ts";
import { DEV_WALLET_ID } from "./devWallet.ts";

/** The connected wallet as the SDK's signer (null until one is connected). */
export function useSigner(): SignerClient | null {
  const { data } = useWalletClient();
  return (data as SignerClient | undefined) ?? null;
}

/** The connected account, with its demo role on local chains. */
export function useMe(): { address: Address | undefined; label: string | undefined } {
  const { address } = useAccount();
  const { accounts } = useAppConfig();
  const label = accounts.find((a) => a.address.toLowerCase() === address?.toLowerCase())?.label;
  return { address, label };
}

/** Switches the dev wallet to another demo account (local chains). */
export function useSwitchDevAccount(): ((address: Address) => void) | null {
  const connectors = useConnectors();
  const dev = connectors.find((c) => c.id === DEV_WALLET_ID) as unknown as
    | { switchAccount(address: Address): void }
    | undefined;
  return dev ? (address) => dev.switchAccount(address) : null;
}
