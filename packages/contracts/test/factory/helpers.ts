import { type Address, encodeAbiParameters, type Hex, parseAbiParameters, parseEther } from "viem";
import type { TemplateName } from "../../deploy/factory.ts";
import { DAY, type Fixture } from "../fixture.ts";

/** Template data for the factory tests: holders get 1000 tokens each; consortium members share revenue. */
export function templateData(f: Fixture, template: TemplateName, holders: Address[]): Hex {
  const amounts = holders.map(() => parseEther("1000"));
  switch (template) {
    case "revenue-sharing":
      return encodeAbiParameters(parseAbiParameters("string, string, address[], uint256[]"), [
        "Face DAO",
        "FACE",
        holders,
        amounts,
      ]);
    case "donation":
      return encodeAbiParameters(parseAbiParameters("address[], uint256[]"), [[f.token.address], [parseEther("1")]]);
    case "grant":
      return encodeAbiParameters(parseAbiParameters("string, string, address[], uint256[], uint48, uint256"), [
        "Grant DAO",
        "GRNT",
        holders,
        amounts,
        3 * DAY,
        1000n,
      ]);
    case "consortium":
      return encodeAbiParameters(parseAbiParameters("address[], uint256[], uint16[], bool"), [
        holders,
        holders.map(() => 1n),
        holders.length === 2
          ? [6000, 4000]
          : holders.map((_, i) =>
              i === 0 ? 10_000 - (10_000 / holders.length) * (holders.length - 1) : Math.floor(10_000 / holders.length),
            ),
        false,
      ]);
    default:
      throw new Error(`no data for ${template}`);
  }
}

/** Governance parameters for the factory tests (Safe threshold 2 when owners are given). */
export function governance(mode: number, owners: Address[] = []) {
  return {
    mode,
    votingDelay: DAY,
    votingPeriod: 3 * DAY,
    proposalThreshold: 0n,
    quorumPercent: 10,
    timelockDelay: DAY,
    safeOwners: owners,
    safeThreshold: owners.length === 0 ? 0n : BigInt(Math.min(2, owners.length)),
  };
}
