import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { deployArtifact, readArtifact } from "@aidao/contracts/deploy";
import {
  createDAO,
  HUB_TYPES,
  hubDomain,
  hubProposalTypes,
  hubVoteArrayTypes,
  hubVoteStringTypes,
  hubVoteTypes,
  revenueShareTokenAbi,
  SNAPSHOT_DOMAIN,
  stakingAbi,
} from "@aidao/sdk";
import { Wallet } from "@ethersproject/wallet";
import snapshotJs from "@snapshot-labs/snapshot.js";
import { encodeFunctionData, erc20Abi, type Hex, parseEther, recoverMessageAddress } from "viem";
import { generatePrivateKey } from "viem/accounts";
import { type RunningServer, startServer } from "../server.ts";
import { createPostgresDatabase, ENGINES, testDatabase } from "../testing/databases.ts";
import { signedProposal } from "../testing/hubMessages.ts";
import { dev, type LocalStack, startLocalStack } from "../testing/localStack.ts";
import type { HubError } from "./errors.ts";
import { Hub, type HubLimits } from "./hub.ts";
import { PowerReader } from "./power.ts";
import { ReceiptSigner } from "./receipts.ts";
import { buildSafePlugins } from "./safe/payload.ts";
import { type PreparedSafeTxJSON, preparedSafeTxFromJSON, safeTxTypedData } from "./safe/safeTx.ts";
import { spacesOf } from "./spaces.ts";
import { HubStore } from "./store.ts";
import { type ExportedMessage, rebuild } from "./verify.ts";

/** Dev accounts with matured staked AIDAO (whole tokens) in the main space. */
const VOTERS = { 5: 100, 6: 200, 7: 300, 13: 150 } as const;
const NO_STAKE = 8;
const WALLET_OWNER = 9;
const WALLET_STAKE = 50;

// snapshot.js is CommonJS: at run time the default import is the library; TypeScript types it as the module.
const { Client712 } = snapshotJs as unknown as (typeof snapshotJs)["default"];

const privateKeyOf = (i: number) => `0x${Buffer.from(dev(i).getHdKey().privateKey as Uint8Array).toString("hex")}`;

for (const engine of ENGINES) {
  describe(`the hub against a local chain (${engine})`, () => {
    let stack: LocalStack;
    let server: RunningServer<"hub">;
    let client: InstanceType<typeof Client712>;
    let snapshotBlock: number;
    let smartWallet: Hex;
    let aiDao: { id: bigint; token: Hex };
    const dataDir = mkdtempSync(join(tmpdir(), "aidao-hub-"));
    let postgres: { url: string; drop(): Promise<void> } | undefined;
    const startHub = () =>
      startServer({
        mode: "hub",
        publicClient: stack.publicClient,
        deployment: stack.deployment,
        dataDir,
        ...(postgres ? { databaseUrl: postgres.url } : {}),
        hubLimits: { proposalsPerDay: 50, proposalsPerMonth: 100 },
        requestsPerMinute: 10_000, // the limiter has its own test; these tests send more than 100 a minute
      });

    const post = (body: unknown) =>
      fetch(`${server.url}/api/msg`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body),
      });
    const get = async (path: string) => (await (await fetch(`${server.url}${path}`)).json()) as Record<string, unknown>;
    const messageCount = async () => ((await get("/api/hub/messages?limit=1000")).messages as unknown[]).length;
    const now = () => Math.floor(Date.now() / 1000);

    /** A proposal through snapshot.js, as the Snapshot app sends it. */
    let proposed = 0;
    const propose = async (author: number, type: string, choices: string[], extra: Record<string, unknown> = {}) => {
      const ts = now();
      proposed++;
      const r = (await client.proposal(new Wallet(privateKeyOf(author)), dev(author).address, {
        space: "aidao",
        type: type as never,
        title: `Proposal ${proposed}: ${type}`,
        body: "Shall we?",
        discussion: "",
        choices,
        start: ts,
        end: ts + 3_600,
        snapshot: snapshotBlock,
        plugins: "{}",
        app: "test",
        ...extra,
      })) as { id: Hex };
      return r.id;
    };
    const vote = (voter: number, proposal: Hex, type: string, choice: unknown, space = "aidao") =>
      client.vote(new Wallet(privateKeyOf(voter)), dev(voter).address, {
        space,
        proposal,
        type: type as never,
        choice: choice as never,
        reason: "",
        app: "test",
      }) as Promise<{ id: Hex; relayer: { address: Hex; receipt: Hex } }>;
    const results = (id: Hex) => get(`/api/hub/proposals/${id}/results`);

    before(async () => {
      stack = await startLocalStack();
      for (const [i, amount] of Object.entries(VOTERS)) await stack.stake(Number(i), parseEther(String(amount)));
      // A smart-account voter (ERC-1271: its owner's key signs for it) with staked AIDAO of its own.
      smartWallet = (
        await deployArtifact(
          { publicClient: stack.publicClient, walletClient: stack.wallet(WALLET_OWNER) },
          "UsageWallet",
          [dev(WALLET_OWNER).address],
        )
      ).address;
      await stack.fund(smartWallet, parseEther(String(WALLET_STAKE)));
      const { abi } = readArtifact("UsageWallet");
      const staking = stack.deployment.contracts.Staking.address;
      for (const [target, data] of [
        [
          stack.token,
          encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [staking, parseEther("50")] }),
        ],
        [staking, encodeFunctionData({ abi: stakingAbi, functionName: "stake", args: [parseEther("50")] })],
      ] as const) {
        await stack.send(WALLET_OWNER, { address: smartWallet, abi, functionName: "execute", args: [target, data] });
      }
      // An AI DAO with a token (revenue-sharing): its holders vote in space dao-<id> with their delegated token votes.
      const created = await createDAO(stack.wallet(7), {
        factory: stack.deployment.contracts.AIDAOFactory.address,
        name: "Face DAO",
        governance: { mode: "OffChain", safeOwners: [dev(7).address, dev(13).address], safeThreshold: 1 },
        template: {
          template: "revenue-sharing",
          name: "Face DAO Share",
          symbol: "FACE",
          holders: [
            { account: dev(5).address, amount: parseEther("600") },
            { account: dev(6).address, amount: parseEther("400") },
          ],
        },
      });
      aiDao = { id: created.daoId, token: created.token };
      for (const i of [5, 6]) {
        await stack.send(i, {
          address: created.token,
          abi: revenueShareTokenAbi,
          functionName: "delegate",
          args: [dev(i).address],
        });
      }
      await stack.travel(7 * 86_400 + 10); // the stakes mature
      snapshotBlock = Number(await stack.publicClient.getBlockNumber({ cacheTime: 0 }));
      await stack.travel(1);
      // The chain's clock is now ahead of this machine's; the hub checks message times against its own clock, so the
      // chain is only the source of power, read at the snapshot block.
      if (engine === "postgres") postgres = await createPostgresDatabase();
      server = await startHub();
      client = new Client712(`${server.url}/api/msg`);
    });

    after(async () => {
      await server?.close();
      await stack?.stop();
      await postgres?.drop();
    });

    it("accepts snapshot.js Client712 proposals and votes of every voting type, and tallies them as Snapshot does", async () => {
      // single-choice: 100 + 300 for choice 1, 200 for choice 2.
      const single = await propose(5, "single-choice", ["Yes", "No", "Maybe"]);
      await vote(5, single, "single-choice", 1);
      await vote(6, single, "single-choice", 2);
      await vote(7, single, "single-choice", 1);
      assert.deepEqual((await results(single)).scores, [400, 200, 0]);

      // approval: each vote's full power on every approved choice.
      const approval = await propose(5, "approval", ["A", "B", "C"]);
      await vote(5, approval, "approval", [1, 2]);
      await vote(6, approval, "approval", [2, 3]);
      assert.deepEqual((await results(approval)).scores, [100, 300, 200]);

      // weighted: power split by weight: 100 → 75/25; 200 → 0/200.
      const weighted = await propose(5, "weighted", ["A", "B"]);
      await vote(5, weighted, "weighted", { "1": 3, "2": 1 });
      await vote(6, weighted, "weighted", { "2": 1 });
      assert.deepEqual((await results(weighted)).scores, [75, 225]);

      // basic: For / Against / Abstain.
      const basic = await propose(6, "basic", ["For", "Against", "Abstain"]);
      await vote(5, basic, "basic", 1);
      await vote(6, basic, "basic", 2);
      await vote(7, basic, "basic", 3);
      assert.deepEqual((await results(basic)).scores, [100, 200, 300]);

      // quadratic: the sum stays the total power; a choice backed by more voters gains over raw power.
      const quadratic = await propose(6, "quadratic", ["A", "B"]);
      await vote(5, quadratic, "quadratic", { "1": 1 });
      await vote(6, quadratic, "quadratic", { "1": 1 });
      await vote(7, quadratic, "quadratic", { "2": 1 });
      const q = await results(quadratic);
      assert.ok(Math.abs((q.scoresTotal as number) - 600) < 1e-9, "quadratic scores sum to the total power");
      assert.ok(
        ((q.scores as number[])[0] ?? 0) > 300,
        "two voters with 300 beat one voter with 300 under quadratic voting",
      );

      // ranked-choice, instant runoff: first preferences A 200, B 100 + 150, C 300 (of 750: a majority is > 375).
      // A is eliminated and its ballot goes to B: B 450 beats C 300, though C led the first round.
      const ranked = await propose(7, "ranked-choice", ["A", "B", "C"]);
      await vote(5, ranked, "ranked-choice", [2, 1, 3]);
      await vote(13, ranked, "ranked-choice", [2, 3, 1]);
      await vote(6, ranked, "ranked-choice", [1, 2, 3]);
      await vote(7, ranked, "ranked-choice", [3, 1, 2]);
      const rc = await results(ranked);
      assert.equal(rc.votes, 4);
      const scores = rc.scores as number[];
      assert.equal(scores.indexOf(Math.max(...scores)), 1, `B wins the runoff: ${JSON.stringify(scores)}`);
      assert.equal(scores[1], 450);

      const listed = await get("/api/hub/spaces/aidao/proposals?limit=100");
      assert.equal((listed.proposals as unknown[]).length, 6);
    });

    it("finds an AI DAO's space on the chain when first named, and counts its token votes", async () => {
      const space = `dao-${aiDao.id}`;
      const id = await propose(5, "single-choice", ["Yes", "No"], { space });
      await vote(6, id, "single-choice", 2, space);
      await vote(5, id, "single-choice", 1, space);
      assert.deepEqual((await results(id)).scores, [600, 400]);
      const settings = await get(`/api/hub/spaces/${space}`);
      assert.deepEqual(
        (settings.strategies as Array<{ address: string }>).map((x) => x.address.toLowerCase()),
        [aiDao.token.toLowerCase()],
      );
      assert.deepEqual(settings.admins, [dev(7).address, dev(13).address], "its Safe's owners");
      // Staked AIDAO is not power in an AI DAO's space: dev 7 staked AIDAO but holds none of its token.
      await assert.rejects(vote(7, id, "single-choice", 1, space), (e: { code: string }) => e.code === "NO_POWER");
    });

    it("answers with the message id and a receipt signed by the hub; a later vote replaces an earlier one", async () => {
      const id = await propose(5, "single-choice", ["Yes", "No"]);
      const first = await vote(6, id, "single-choice", 1);
      const hub = await get("/api/hub");
      assert.equal(
        await recoverMessageAddress({ message: { raw: first.id }, signature: first.relayer.receipt }),
        hub.receiptSigner,
      );
      await new Promise((r) => setTimeout(r, 1_100)); // a later timestamp (whole seconds)
      await vote(6, id, "single-choice", 2);
      assert.deepEqual((await results(id)).scores, [0, 200]);
      const votes = await get(`/api/hub/proposals/${id}/votes`);
      assert.equal((votes.votes as unknown[]).length, 1);
    });

    it("accepts AIDAO's own domain, bound to the chain and the space's governor, and refuses replays elsewhere", async () => {
      const author = dev(5);
      const governor = stack.deployment.contracts.AIDAOGovernor.address;
      const ts = now();
      const message = {
        from: author.address,
        space: "aidao",
        timestamp: ts,
        type: "single-choice",
        title: "In AIDAO's domain",
        body: "",
        discussion: "",
        choices: ["Yes", "No"],
        labels: [],
        start: ts,
        end: ts + 3_600,
        snapshot: snapshotBlock,
        plugins: "{}",
        privacy: "",
        app: "",
      };
      const envelope = async (domain: Record<string, unknown>) => ({
        address: author.address,
        sig: await author.signTypedData({
          domain: domain as never,
          types: hubProposalTypes,
          primaryType: "Proposal",
          message: message as never,
        }),
        data: { domain, types: hubProposalTypes, message },
      });
      const ok = await post(await envelope(hubDomain(31337, governor)));
      assert.equal(ok.status, 200, await ok.clone().text());
      const again = await post(await envelope(hubDomain(31337, governor)));
      assert.equal(again.status, 409, "the same message twice is a duplicate");
      const before = await messageCount();
      for (const domain of [
        hubDomain(1, governor), // another chain
        hubDomain(31337, stack.deployment.contracts.VentureGovernor.address), // another space's contract
        { ...SNAPSHOT_DOMAIN, chainId: 1 }, // Snapshot's domain, pinned to another chain
        { name: "snapshot", version: "0.1.3" },
      ]) {
        const r = await post(await envelope(domain));
        assert.equal(r.status, 400, JSON.stringify(domain));
        assert.equal(((await r.json()) as { code: string }).code, "WRONG_DOMAIN");
      }
      assert.equal(await messageCount(), before, "nothing was stored");
    });

    it("refuses a vote replayed into another proposal or space", async () => {
      const id = await propose(5, "single-choice", ["Yes", "No"]);
      const voter = dev(7);
      const ts = now();
      const message = {
        from: voter.address,
        space: "aidao",
        timestamp: ts,
        proposal: id,
        choice: 1,
        reason: "",
        app: "",
        metadata: "{}",
      };
      const sig = await voter.signTypedData({
        domain: SNAPSHOT_DOMAIN,
        types: hubVoteTypes,
        primaryType: "Vote",
        message: message as never,
      });
      const accepted = await post({
        address: voter.address,
        sig,
        data: { domain: SNAPSHOT_DOMAIN, types: hubVoteTypes, message },
      });
      assert.equal(accepted.status, 200);
      // The same signature over another proposal id or space is another message: its signature does not match.
      for (const changed of [{ proposal: `0x${"11".repeat(32)}` }, { space: "venture" }]) {
        const r = await post({
          address: voter.address,
          sig,
          data: { domain: SNAPSHOT_DOMAIN, types: hubVoteTypes, message: { ...message, ...changed } },
        });
        assert.ok(r.status === 401 || r.status === 404, `${JSON.stringify(changed)} → ${r.status}`);
      }
    });

    it("checks a smart account's signature with ERC-1271", async () => {
      const id = await propose(5, "single-choice", ["Yes", "No"]);
      const owner = dev(WALLET_OWNER);
      const message = {
        from: smartWallet,
        space: "aidao",
        timestamp: now(),
        proposal: id,
        choice: 2,
        reason: "",
        app: "",
        metadata: "{}",
      };
      // The wallet's owner signs the typed-data hash; the wallet's isValidSignature accepts it.
      const sig = await owner.signTypedData({
        domain: SNAPSHOT_DOMAIN,
        types: hubVoteTypes,
        primaryType: "Vote",
        message: message as never,
      });
      const r = await post({
        address: smartWallet,
        sig,
        data: { domain: SNAPSHOT_DOMAIN, types: hubVoteTypes, message },
      });
      assert.equal(r.status, 200, await r.clone().text());
      assert.deepEqual((await results(id)).scores, [0, WALLET_STAKE]);
      const stranger = await dev(NO_STAKE).signTypedData({
        domain: SNAPSHOT_DOMAIN,
        types: hubVoteTypes,
        primaryType: "Vote",
        message: { ...message, timestamp: now() + 1 } as never,
      });
      const refused = await post({
        address: smartWallet,
        sig: stranger,
        data: { domain: SNAPSHOT_DOMAIN, types: hubVoteTypes, message: { ...message, timestamp: now() + 1 } },
      });
      assert.equal(refused.status, 401);
    });

    it("refuses votes without power, out of range choices, and proposals from accounts below the threshold", async () => {
      const id = await propose(5, "approval", ["A", "B"]);
      await assert.rejects(vote(NO_STAKE, id, "approval", [1]), (e: { code: string }) => e.code === "NO_POWER");
      await assert.rejects(vote(5, id, "approval", [3]), (e: { code: string }) => e.code === "INVALID_CHOICE");
      await assert.rejects(vote(5, id, "approval", [1, 1]), (e: { code: string }) => e.code === "INVALID_CHOICE");
      await assert.rejects(propose(NO_STAKE, "approval", ["A", "B"]), (e: { code: string }) => e.code === "NO_POWER");
      await assert.rejects(
        propose(5, "basic", ["For", "Against"]),
        (e: { code: string }) => e.code === "INVALID_PROPOSAL",
      );
      await assert.rejects(
        propose(
          5,
          "single-choice",
          Array.from({ length: 65 }, (_, i) => `c${i}`),
        ),
        (e: { code: string }) => e.code === "INVALID_PROPOSAL",
      );
    });

    it("lets the author or a space admin (a Safe owner) cancel a proposal, after which it takes no votes", async () => {
      const id = await propose(7, "single-choice", ["Yes", "No"]);
      await assert.rejects(
        client.cancelProposal(new Wallet(privateKeyOf(13)), dev(13).address, { space: "aidao", proposal: id }),
        (e: { code: string }) => e.code === "NOT_ALLOWED",
      );
      await client.cancelProposal(new Wallet(privateKeyOf(7)), dev(7).address, { space: "aidao", proposal: id });
      assert.equal((await get(`/api/hub/proposals/${id}`)).state, "cancelled");
      await assert.rejects(vote(6, id, "single-choice", 1), (e: { code: string }) => e.code === "VOTING_CLOSED");
      const other = await propose(13, "single-choice", ["Yes", "No"]);
      await client.cancelProposal(new Wallet(privateKeyOf(5)), dev(5).address, { space: "aidao", proposal: other });
      assert.equal((await get(`/api/hub/proposals/${other}`)).state, "cancelled");
    });

    it("answers every bad input with a 4xx and changes nothing", async () => {
      const voter = dev(5);
      const good = async (message: Record<string, unknown>, types: unknown = hubVoteTypes) => ({
        address: voter.address,
        sig: await voter.signTypedData({
          domain: SNAPSHOT_DOMAIN,
          types: types as typeof hubVoteTypes,
          primaryType: "Vote",
          message: message as never,
        }),
        data: { domain: SNAPSHOT_DOMAIN, types, message },
      });
      const base = {
        from: voter.address,
        space: "aidao",
        timestamp: now(),
        proposal: `0x${"22".repeat(32)}`,
        choice: 1,
        reason: "",
        app: "",
        metadata: "{}",
      };
      const valid = await good(base);
      const highS = (sig: Hex) => {
        // s' = n - s with the other v: the same signer, a malleable twin the chain's ECDSA refuses.
        const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
        const s = BigInt(`0x${sig.slice(66, 130)}`);
        const v = Number.parseInt(sig.slice(130), 16);
        return `${sig.slice(0, 66)}${(n - s).toString(16).padStart(64, "0")}${(v === 27 ? 28 : 27).toString(16)}` as Hex;
      };
      let deep: unknown = 1;
      for (let i = 0; i < 100; i++) deep = { a: deep };
      const cases: Array<[string, unknown, number]> = [
        ["oversize", JSON.stringify({ ...valid, pad: "x".repeat(200_000) }), 413],
        ["not JSON", "{", 400],
        ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 400],
        ["deep JSON", JSON.stringify({ ...valid, data: { ...valid.data, message: { ...base, reason: deep } } }), 400],
        ["__proto__", `{"address":"${voter.address}","sig":"${valid.sig}","data":{"__proto__":{"x":1}}}`, 400],
        ["huge number", { ...valid, data: { ...valid.data, message: { ...base, timestamp: 1e300 } } }, 400],
        ["unknown field", { ...valid, extra: 1 }, 400],
        [
          "unknown type",
          { ...valid, data: { ...valid.data, types: { Vote: [{ name: "from", type: "string" }] } } },
          400,
        ],
        ["wrong domain", { ...valid, data: { ...valid.data, domain: { name: "other", version: "1" } } }, 400],
        ["malleable signature", { ...valid, sig: highS(valid.sig) }, 401],
        ["someone else's signature", { ...valid, address: dev(6).address }, 400],
        ["stale timestamp", await good({ ...base, timestamp: now() - 301 }), 400],
        ["future timestamp", await good({ ...base, timestamp: now() + 60 }), 400],
        ["unknown proposal", valid, 404],
        ["unknown space", await good({ ...base, space: "nowhere" }), 404],
        [
          "choice array in a uint32 vote",
          { ...valid, data: { ...valid.data, message: { ...base, choice: [1] } } },
          400,
        ],
        ["string where a number is", await good({ ...base, choice: "1" }, hubVoteStringTypes), 404],
      ];
      const before = await messageCount();
      for (const [what, body, status] of cases) {
        const r = await post(body);
        assert.equal(r.status, status, `${what}: ${await r.clone().text()}`);
        const json = (await r.json()) as { error: string; error_description: string };
        assert.equal(json.error, "client_error", what);
        assert.ok(json.error_description.length > 0, what);
      }
      assert.equal(await messageCount(), before, "no bad input changed anything");
      assert.equal(Object.keys(HUB_TYPES).length, 6);
      assert.ok(hubVoteArrayTypes.Vote.some((f) => f.type === "uint32[]"));
    });

    it("takes messages stamped up to 30 s ahead of its clock and 300 s behind it, and no further", async () => {
      const clock = 2_000_000_000;
      const t = await testDatabase(engine);
      const hub = new Hub({
        chainId: 31337,
        spaces: server.hub.spaces,
        store: new HubStore(t.db),
        client: stack.publicClient,
        power: new PowerReader(stack.publicClient),
        signer: new ReceiptSigner(generatePrivateKey()),
        now: () => clock,
      });
      const author = dev(5);
      const at = async (timestamp: number) =>
        hub.ingest(
          Buffer.from(
            await signedProposal(author, {
              space: "aidao",
              title: `at ${timestamp - clock}`,
              timestamp,
              snapshot: snapshotBlock,
            }),
          ),
        );
      const wrongTime = (e: HubError) => e.code === "WRONG_TIMESTAMP";
      await at(clock + 30);
      await assert.rejects(at(clock + 31), wrongTime);
      await at(clock - 300);
      await assert.rejects(at(clock - 301), wrongTime);
      await at(clock);
      assert.equal((await hub.store.messages(0, 10)).length, 3);
      await hub.store.flush();
      await t.drop();
    });

    it("lets a space's admins (its Safe's owners) change its settings with a signed space message, kept across restarts", async () => {
      const space = `dao-${aiDao.id}`;
      const setSettings = (i: number, settings: unknown) =>
        client.space(new Wallet(privateKeyOf(i)), dev(i).address, { space, settings: JSON.stringify(settings) });
      const before = await messageCount();
      await assert.rejects(setSettings(5, { name: "Mine now" }), (e: { code: string }) => e.code === "NOT_ALLOWED");
      for (const bad of [
        { admins: [dev(5).address] },
        { strategies: [] },
        { voting: { period: 1 } },
        { votingTypes: ["plurality"] },
        { delay: { min: 10, max: 5 } },
        { moderators: ["0x12"] },
        { unknown: 1 },
      ]) {
        await assert.rejects(setSettings(7, bad), (e: { code: string; message?: string }) => {
          assert.equal(e.code, "INVALID_SETTINGS", JSON.stringify(bad));
          return true;
        });
      }
      assert.equal(await messageCount(), before, "refused settings change nothing");
      await setSettings(7, {
        name: "Face DAO",
        about: "Detects faces, shares revenue",
        votingTypes: ["basic", "approval"],
        voting: { quorum: 100 },
        validation: { name: "basic", params: { minScore: 500 } },
        moderators: [dev(13).address],
      });
      const s = await get(`/api/hub/spaces/${space}`);
      assert.equal(s.name, "Face DAO");
      assert.deepEqual(s.votingTypes, ["basic", "approval"]);
      assert.equal(s.quorum, 100);
      assert.equal(s.proposalThreshold, 500);
      assert.deepEqual(s.admins, [dev(7).address, dev(13).address], "admins still come from the chain");
      await assert.rejects(
        propose(5, "single-choice", ["Yes", "No"], { space }),
        (e: { code: string }) => e.code === "INVALID_PROPOSAL",
      );
      // dev 6 holds 400 votes: below the new minimum of 500.
      await assert.rejects(
        propose(6, "basic", ["For", "Against", "Abstain"], { space }),
        (e: { code: string }) => e.code === "NO_POWER",
      );
      await propose(5, "basic", ["For", "Against", "Abstain"], { space });
      // The settings are kept in the database: a restarted hub starts with them.
      await server.close();
      server = await startHub();
      client = new Client712(`${server.url}/api/msg`);
      assert.equal((await get(`/api/hub/spaces/${space}`)).name, "Face DAO");
      assert.deepEqual((await get(`/api/hub/spaces/${space}`)).votingTypes, ["basic", "approval"]);
    });

    it("prepares a passed proposal's Safe transaction, collects the owners' signatures, and anyone executes it", async () => {
      const safe = stack.deployment.contracts.Safe.address;
      await stack.fund(safe, parseEther("100"));
      const payee = dev(8).address;
      const transfer = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [payee, parseEther("10")] });
      const plugins = buildSafePlugins({
        safe,
        chainId: 31337,
        transactions: [{ to: stack.token, value: 0n, data: transfer }],
      });
      // A hub whose clock the test moves (the vote must close); its own database.
      let offset = 0;
      const pg = engine === "postgres" ? await createPostgresDatabase() : undefined;
      const timed = await startServer({
        mode: "hub",
        publicClient: stack.publicClient,
        deployment: stack.deployment,
        dataDir: mkdtempSync(join(tmpdir(), "aidao-hub-exec-")),
        ...(pg ? { databaseUrl: pg.url } : {}),
        hubClock: () => now() + offset,
      });
      const main = { server, client };
      server = timed;
      client = new Client712(`${timed.url}/api/msg`);
      try {
        // A payload for another Safe, a delegatecall, or in a space without a Safe is refused when proposed.
        const other = buildSafePlugins({
          safe: smartWallet,
          chainId: 31337,
          transactions: [{ to: payee, value: 0n, data: "0x" }],
        });
        await assert.rejects(
          propose(5, "basic", ["For", "Against", "Abstain"], { plugins: other }),
          (e: { code: string }) => e.code === "INVALID_PROPOSAL",
        );
        const delegate = JSON.stringify({
          safe: { safe, chainId: 31337, transactions: [{ to: payee, value: "0", data: "0x", operation: 1 }] },
        });
        await assert.rejects(
          propose(5, "basic", ["For", "Against", "Abstain"], { plugins: delegate }),
          (e: { code: string }) => e.code === "INVALID_PROPOSAL",
        );

        const passing = await propose(5, "basic", ["For", "Against", "Abstain"], { plugins });
        const failing = await propose(5, "basic", ["For", "Against", "Abstain"], { plugins });
        const plain = await propose(5, "single-choice", ["Yes", "No"]);
        await vote(5, passing, "basic", 1);
        await vote(6, passing, "basic", 2);
        await vote(7, passing, "basic", 1); // For 400, Against 200
        await vote(7, failing, "basic", 2);
        await vote(5, failing, "basic", 1); // For 100, Against 300
        const execution = (id: Hex) => get(`/api/hub/proposals/${id}/execution`);
        const sign = (id: Hex, signature: unknown) =>
          fetch(`${timed.url}/api/hub/proposals/${id}/execution/signatures`, {
            method: "POST",
            body: JSON.stringify({ signature }),
          });
        assert.equal((await execution(plain)).state, "none");
        assert.equal((await execution(passing)).state, "voting");
        assert.equal((await sign(passing, `0x${"11".repeat(65)}`)).status, 409, "nothing to sign while voting");

        offset = 3_601; // the votes close
        assert.equal((await execution(failing)).state, "rejected");
        const collecting = await execution(passing);
        assert.equal(collecting.state, "collecting", JSON.stringify(collecting));
        assert.equal(collecting.threshold, 2);
        assert.deepEqual(collecting.owners, [dev(4).address, dev(5).address, dev(6).address]);
        const prepared = preparedSafeTxFromJSON(collecting.safeTx as PreparedSafeTxJSON);
        assert.equal(prepared.tx.to, stack.token);
        assert.equal(prepared.tx.data, transfer);
        const signed = (i: number) => dev(i).signTypedData(safeTxTypedData(prepared));

        // Refused: malformed, high-s, not an owner; then two owners sign (one of them twice).
        assert.equal((await sign(passing, "0x1234")).status, 401);
        assert.equal((await sign(passing, 42)).status, 400);
        const bad = await sign(passing, await signed(7));
        assert.equal(bad.status, 403, await bad.clone().text());
        assert.equal(((await (await sign(passing, await signed(6))).json()) as { state: string }).state, "collecting");
        assert.equal((await sign(passing, await signed(6))).status, 409, "an owner signs once");
        const ready = (await (await sign(passing, await signed(4))).json()) as {
          state: string;
          execute: { to: Hex; data: Hex };
        };
        assert.equal(ready.state, "ready");

        // Anyone sends it: dev 9 is no owner and pays the gas.
        const before = await stack.publicClient.readContract({
          address: stack.token,
          abi: erc20Abi,
          functionName: "balanceOf",
          args: [payee],
        });
        const hash = await stack.wallet(9).sendTransaction({ to: ready.execute.to, data: ready.execute.data });
        assert.equal((await stack.publicClient.waitForTransactionReceipt({ hash })).status, "success");
        const after = await stack.publicClient.readContract({
          address: stack.token,
          abi: erc20Abi,
          functionName: "balanceOf",
          args: [payee],
        });
        assert.equal(after - before, parseEther("10"));
        const executed = await execution(passing);
        assert.equal(executed.state, "executed");
        assert.equal((executed.executed as { txHash: Hex }).txHash, hash);
        assert.equal((await sign(passing, await signed(5))).status, 409, "nothing left to sign");
      } finally {
        server = main.server;
        client = main.client;
        await timed.close();
        await pg?.drop();
      }
    });

    it("exports its message log in order, each entry the envelope as signed", async () => {
      const page = await get("/api/hub/messages?limit=5");
      const messages = page.messages as Array<{ seq: number; id: Hex; address: Hex; sig: Hex }>;
      assert.equal(messages.length, 5);
      assert.deepEqual(
        messages.map((m) => m.seq),
        [...messages.map((m) => m.seq)].sort((a, b) => a - b),
      );
      const next = await get(`/api/hub/messages?after=${page.next}&limit=1000`);
      assert.ok((next.messages as unknown[]).length > 0);
      const bad = await fetch(`${server.url}/api/hub/messages?after=-1`);
      assert.equal(bad.status, 400);
    });

    it("can be rebuilt by anyone from its export: every signature re-verified, every result the same", async () => {
      const all = (await get("/api/hub/messages?limit=1000")).messages as ExportedMessage[];
      const spaces = await spacesOf(stack.deployment, stack.publicClient);
      const limits = (await get("/api/hub")).limits as HubLimits;
      const rebuilt = await rebuild(all, { chainId: 31337, spaces, client: stack.publicClient, limits });
      assert.equal(rebuilt.messages, all.length);
      assert.ok(rebuilt.proposals.size >= 10);
      for (const [id, scores] of rebuilt.proposals) {
        assert.deepEqual(scores, (await results(id as Hex)).scores, `proposal ${id}`);
      }
      // A forged entry (a vote's choice changed after signing) is named, not rebuilt around.
      const vote = all.find((m) => (m.data as { types: Record<string, unknown> }).types.Vote) as ExportedMessage;
      const data = vote.data as { message: Record<string, unknown> };
      const forged = { ...vote, data: { ...data, message: { ...data.message, reason: "forged" } } };
      await assert.rejects(
        rebuild(
          all.map((m) => (m.seq === vote.seq ? forged : m)),
          { chainId: 31337, spaces, client: stack.publicClient, limits },
        ),
        new RegExp(`message ${vote.seq} .*INVALID_SIGNATURE`),
      );
    });
  });
}
