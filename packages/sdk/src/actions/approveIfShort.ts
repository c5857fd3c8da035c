import { type Address, erc20Abi } from "viem";
import { readContract, waitForTransactionReceipt } from "viem/actions";
import { type SignerClient, writeChecked } from "./writeChecked.ts";

/** Approves `spender` for `amount` of `token` (and waits for it) unless the signer's allowance already covers it. */
export async function approveIfShort(
  client: SignerClient,
  p: { token: Address; spender: Address; amount: bigint },
): Promise<void> {
  const allowance = await readContract(client, {
    address: p.token,
    abi: erc20Abi,
    functionName: "allowance",
    args: [client.account.address, p.spender],
  });
  if (allowance >= p.amount) return;
  const hash = await writeChecked(client, {
    address: p.token,
    abi: erc20Abi,
    functionName: "approve",
    args: [p.spender, p.amount],
  });
  await waitForTransactionReceipt(client, { hash });
}
