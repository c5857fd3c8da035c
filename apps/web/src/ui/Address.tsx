import { useAppConfig } from "../config.ts";
import { shortAddress } from "../lib/format.ts";

/** An address, short, with its demo role when it has one (the full address on hover and for screen readers). */
export function Address({ address }: { address: string }) {
  const { accounts } = useAppConfig();
  const label = accounts.find((a) => a.address.toLowerCase() === address.toLowerCase())?.label;
  return (
    <span className="address" title={address}>
      <code aria-hidden="true">{shortAddress(address)}</code>
      <span className="sr-only">{address}</span>
      {label ? <span className="muted"> ({label})</span> : null}
    </span>
  );
}
