import { stakingAbi } from "@aidao/sdk";
import { render, screen } from "@testing-library/react";
import { ContractFunctionRevertedError, encodeErrorResult } from "viem";
import { describe, expect, it } from "vitest";
import { reasonOf } from "./reason.ts";
import { TxStatus } from "./TxStatus.tsx";

const HASH = `0x${"ab".repeat(32)}` as const;

describe("TxStatus", () => {
  it("says nothing before a transaction", () => {
    const { container } = render(<TxStatus state={{ status: "idle" }} />);
    expect(container.textContent).toBe("");
  });

  it("follows a transaction from the wallet to its block, for screen readers too", () => {
    const { rerender } = render(<TxStatus state={{ status: "signing", label: "Stake" }} />);
    expect(screen.getByRole("status").textContent).toBe("Stake: waiting for your wallet…");
    rerender(<TxStatus state={{ status: "pending", label: "Stake", hash: HASH }} />);
    expect(screen.getByRole("status").textContent).toMatch(/^Stake: pending \(0xabababab…ababab\)$/);
    rerender(<TxStatus state={{ status: "confirmed", label: "Stake", hash: HASH, blockNumber: 42n }} />);
    expect(screen.getByRole("status").textContent).toBe("Stake: confirmed in block 42");
  });

  it("announces a failure with its reason as an alert", () => {
    render(<TxStatus state={{ status: "failed", label: "Unstake", reason: "Stake not matured." }} />);
    expect(screen.getByRole("alert").textContent).toBe("Unstake failed: Stake not matured.");
  });
});

describe("reasonOf", () => {
  it("decodes a protocol revert into the SDK's sentence", () => {
    const data = encodeErrorResult({
      abi: stakingAbi,
      errorName: "StakingInsufficientMatured",
      args: ["0x14dC79964da2C08b23698B3D3cc7Ca32193d9955", 10n ** 18n, 0n],
    });
    const reason = reasonOf(new ContractFunctionRevertedError({ abi: stakingAbi, data, functionName: "unstake" }));
    expect(reason).toBe("Stake not matured: you asked for 1 AIDAO but only 0 AIDAO can be withdrawn now.");
  });

  it("says when the user rejected the request", () => {
    const error = Object.assign(new Error("User rejected the request."), { name: "UserRejectedRequestError" });
    expect(reasonOf(error)).toBe("You rejected the request in your wallet.");
  });
});
