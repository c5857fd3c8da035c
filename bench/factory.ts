// AI DAO creation and revenue claims, measured on the same chain as gas.ts (see README).
import { type DeployClients, readArtifact } from "@aidao/contracts/deploy";
import { aidaoFactoryAbi, childTreasuryAbi, createDAOParams, revenueShareTokenAbi } from "@aidao/sdk";
import { type Abi, type Address, decodeEventLog, erc20Abi, type Hex, type PublicClient, parseEther } from "viem";

/** Aragon OSx `DAOFactory.createDao` with one minimal plugin, measured on this machine (issue #3). */
export const ARAGON_CREATE_DAO_WITH_PLUGIN = 1_244_820;

export type FactoryRow = { op: string; aidao: number; reference: number; note: string; target?: [number, number] };

type Env = {
  publicClient: PublicClient;
  contracts: Record<string, { address: Address }>;
  token: Address;
  creator: Address;
  owners: Address[];
  holders: Address[];
  payer: Address;
  /** Sends a call from `from` in its own block and returns its gas and logs. */
  send: (
    from: Address,
    to: Address,
    abi: Abi,
    fn: string,
    args: unknown[],
  ) => Promise<{ gas: number; logs: { data: Hex; topics: Hex[] }[] }>;
  clients: DeployClients;
};

/** Creation gas of the same contracts deployed in full, without clones (a lower bound: no initialisation). */
async function fullDeployGas(env: Env, names: Array<[string, unknown[]]>): Promise<number> {
  let total = 0;
  for (const [name, args] of names) {
    const { abi, bytecode } = readArtifact(name);
    const { walletClient } = env.clients;
    const hash = await walletClient.deployContract({
      abi,
      bytecode,
      args,
      account: walletClient.account,
      chain: walletClient.chain,
    } as never);
    total += Number((await env.publicClient.waitForTransactionReceipt({ hash })).gasUsed);
  }
  return total;
}

export async function measureFactory(env: Env): Promise<FactoryRow[]> {
  const address = (name: string) => {
    const deployed = env.contracts[name];
    if (!deployed) throw new Error(`the deployment has no ${name}`);
    return deployed.address;
  };
  const factory = address("AIDAOFactory");
  const registry = address("DAORegistry");
  const [claimer] = env.holders;
  if (!claimer) throw new Error("the benchmark needs at least one real holder");
  const rows: FactoryRow[] = [];
  // The first holder is a real account (it claims); the others are distinct addresses that only hold.
  const holders = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      account: env.holders[i] ?? (`0x${(0xa1da0000 + i).toString(16).padStart(40, "0")}` as Address),
      amount: parseEther("1000"),
    }));
  const onChain = {
    mode: "OnChain" as const,
    votingDelay: 86_400,
    votingPeriod: 432_000,
    quorumPercent: 4,
    timelockDelay: 172_800,
  };
  const offChain = { mode: "OffChain" as const, safeOwners: env.owners, safeThreshold: 2 };
  let salt = 0;
  const create = async (params: Parameters<typeof createDAOParams>[0]) => {
    const r = await env.send(env.creator, factory, aidaoFactoryAbi as Abi, "createDAO", [
      createDAOParams({ ...params, salt: `bench-${salt++}` }),
    ]);
    for (const log of r.logs) {
      try {
        const e = decodeEventLog({ abi: aidaoFactoryAbi, data: log.data, topics: log.topics as [Hex, ...Hex[]] });
        if (e.eventName === "DAOCreated") return { gas: r.gas, treasury: e.args.treasury };
      } catch {}
    }
    throw new Error("no DAOCreated");
  };

  const revenueDAO = (n: number) =>
    create({
      name: "Face DAO",
      daoURI: "ipfs://bafy-face-dao",
      governance: onChain,
      template: { template: "revenue-sharing", name: "Face", symbol: "FACE", holders: holders(n) },
    });
  const minimal = await revenueDAO(1);
  const votesLike = [
    ["ChildTimelock", []],
    ["ChildGovernor", []],
    ["ChildTreasury", [registry]],
  ] as Array<[string, unknown[]]>;
  rows.push({
    op: "create revenue DAO",
    aidao: minimal.gas,
    reference: await fullDeployGas(env, [["RevenueShareToken", []], ...votesLike]),
    note: "token+governor+timelock+treasury+registry, 1 holder | the same 4 contracts deployed in full, uninitialised",
  });
  rows.push({
    op: "  vs Aragon OSx",
    aidao: minimal.gas,
    reference: ARAGON_CREATE_DAO_WITH_PLUGIN,
    note: "Aragon createDao + one minimal plugin (figure measured here, issue #3); target ≤ 0.6× and ≤ 750k",
    target: [0, 0.6],
  });
  rows.push({
    op: "  with 3 holders",
    aidao: (await revenueDAO(3)).gas,
    reference: ARAGON_CREATE_DAO_WITH_PLUGIN,
    note: "each further initial holder adds one balance (~25k gas)",
  });
  const donation = await create({
    name: "Open Vision",
    governance: onChain,
    template: { template: "donation", allowedTokens: [{ token: env.token, unitsPerToken: parseEther("1") }] },
  });
  rows.push({
    op: "create donation DAO",
    aidao: donation.gas,
    reference: await fullDeployGas(env, [["DonationVault", []], ...votesLike]),
    note: "vault+governor+timelock+treasury | full deployments",
  });
  const consortium = await create({
    name: "Lab Consortium",
    governance: onChain,
    template: {
      template: "consortium",
      members: env.holders.slice(0, 3).map((account, i) => ({ account, revenueShareBps: i === 0 ? 3334 : 3333 })),
      weightedByStake: false,
    },
  });
  rows.push({
    op: "create consortium DAO",
    aidao: consortium.gas,
    reference: await fullDeployGas(env, [["Consortium", []], ...votesLike]),
    note: "members+governor+timelock+treasury | full deployments",
  });
  const grant = await create({
    name: "Grants",
    governance: offChain,
    template: {
      template: "grant",
      name: "Grant",
      symbol: "GRT",
      holders: holders(3),
      vetoWindow: 3 * 86_400,
      vetoQuorumBps: 1000,
    },
  });
  rows.push({
    op: "create grant DAO",
    aidao: grant.gas,
    reference: await fullDeployGas(env, [
      ["RevenueShareToken", []],
      ["GrantProgram", []],
      ["ChildTreasury", [registry]],
    ]),
    note: "token+program+treasury+a new 2-of-2 Safe | full deployments (no Safe)",
  });

  // A claim touches only the claimer's accounting: the same gas with 10 and with 1,000 holders.
  const claimWith = async (n: number) => {
    const dao = await create({
      name: `Claim ${n}`,
      governance: onChain,
      template: { template: "revenue-sharing", name: "C", symbol: "C", holders: holders(n) },
    });
    const record = await env.publicClient.readContract({
      address: dao.treasury,
      abi: childTreasuryAbi,
      functionName: "daoRecord",
    });
    await env.send(env.payer, env.token, erc20Abi as Abi, "approve", [dao.treasury, parseEther("1000")]);
    await env.send(env.payer, dao.treasury, childTreasuryAbi as Abi, "deposit", [env.token, parseEther("1000")]);
    return (await env.send(claimer, record.token, revenueShareTokenAbi as Abi, "claim", [env.token])).gas;
  };
  const claim10 = await claimWith(10);
  const claim1000 = await claimWith(1000);
  rows.push({
    op: "claim, 1,000 holders",
    aidao: claim1000,
    reference: claim10,
    note: "revenue claim | the same claim with 10 holders (target ±2%)",
    target: [0.98, 1.02],
  });
  return rows;
}
