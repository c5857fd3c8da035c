import { useAccount, useConnect, useDisconnect } from "wagmi";
import { useAppConfig } from "../config.ts";
import { shortAddress } from "../lib/format.ts";
import { useSwitchDevAccount } from "../wallet/useSigner.ts";

/** Connect a wallet; on local chains, pick which demo account the dev wallet acts as. */
export function AccountMenu() {
  const { address, isConnected, connector } = useAccount();
  const { connectors, connect, error, isPending } = useConnect();
  const { disconnect } = useDisconnect();
  const { accounts } = useAppConfig();
  const switchTo = useSwitchDevAccount();

  if (!isConnected) {
    return (
      <section className="account" aria-label="Wallet">
        {connectors.map((c) => (
          <button key={c.uid} type="button" disabled={isPending} onClick={() => connect({ connector: c })}>
            {c.id === "aidaoDevWallet" ? "Use the dev wallet" : `Connect ${c.name}`}
          </button>
        ))}
        {error ? (
          <span className="error" role="alert">
            {error.message.split("\n")[0]}
          </span>
        ) : null}
      </section>
    );
  }
  return (
    <section className="account" aria-label="Wallet">
      {connector?.id === "aidaoDevWallet" && switchTo ? (
        <label>
          <span className="sr-only">Act as</span>
          <select
            aria-label="Act as demo account"
            value={address}
            onChange={(e) => switchTo(e.target.value as `0x${string}`)}
          >
            {accounts.map((a, i) => (
              <option key={a.address} value={a.address}>
                {i} · {a.label} · {shortAddress(a.address)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <code title={address}>{address ? shortAddress(address) : ""}</code>
      )}
      <button type="button" className="link" onClick={() => disconnect()}>
        Disconnect
      </button>
    </section>
  );
}
