import { type GatewayEndpoint, GatewayRequestError, openChannel, usageChannelsAbi } from "@aidao/sdk";
import { useEffect, useState } from "react";
import { type Address, erc20Abi, type Hex, parseEventLogs } from "viem";
import { usePublicClient, useReadContract } from "wagmi";
import { useContracts } from "../../config.ts";
import { useServer } from "../../lib/api.ts";
import { formatAmount } from "../../lib/format.ts";
import { useTokenInfo } from "../../lib/useTokenInfo.ts";
import { reasonOf } from "../../tx/reason.ts";
import { TxStatus } from "../../tx/TxStatus.tsx";
import { useTx } from "../../tx/useTx.ts";
import { Card, PageHead } from "../../ui/Card.tsx";
import { Select } from "../../ui/Field.tsx";
import { Empty, ErrorNote, Loading } from "../../ui/States.tsx";
import { useMe, useSigner } from "../../wallet/useSigner.ts";
import { ChannelSummary, ChargeLine, FacesImage, OpenChannelForm } from "./PlaygroundViews.tsx";
import { type Detection, describeGatewayError, detectionOf } from "./playground.ts";
import { useChannelPayer, useChannelState, useLatestChannel } from "./usePlayground.ts";
import "./playground.css";

type Answer = { result: unknown; units: number; unit: string; unitPrice: bigint; charge: bigint };

export default function PlaygroundPage() {
  const c = useContracts();
  const models = useServer<{ endpoints: GatewayEndpoint[] }>("/v1/models");
  const endpoints = models.data?.endpoints ?? [];
  const [picked, setPicked] = useState<string>("");
  const endpoint = endpoints.find((e) => e.endpointId === picked) ?? endpoints[0];
  const tokens = useTokenInfo(endpoints.map((e) => e.token));
  const token = endpoint ? tokens.get(endpoint.token.toLowerCase()) : undefined;
  const { address: me } = useMe();
  const signer = useSigner();
  const publicClient = usePublicClient();
  const balance = useReadContract({
    address: endpoint?.token,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [me as Address],
    query: { enabled: !!endpoint && !!me },
  });

  const latest = useLatestChannel(me, endpoint?.endpointId);
  const [opened, setOpened] = useState<{ key: string; channelId: Hex } | null>(null);
  const key = `${me}:${endpoint?.endpointId}`;
  const channelId = opened?.key === key ? opened.channelId : latest;
  const { channel, charged: ledgerCharged } = useChannelState(channelId);
  const tx = useTx();
  const pay = useChannelPayer();

  const [file, setFile] = useState<{ bytes: Uint8Array; type: string; url: string; name: string } | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [charged, setCharged] = useState<{ channelId: string; value: bigint } | null>(null);
  const [calling, setCalling] = useState(false);
  const [callError, setCallError] = useState<string | null>(null);
  useEffect(() => () => (file ? URL.revokeObjectURL(file.url) : undefined), [file]);

  const open = async (amount: bigint, days: number) => {
    if (!signer || !endpoint || !publicClient) return;
    const now = (await publicClient.getBlock()).timestamp;
    const receipt = await tx.run("Open channel", () =>
      openChannel(signer, {
        usageChannels: c.UsageChannels.address,
        modelRegistry: c.ModelRegistry.address,
        endpointId: BigInt(endpoint.endpointId),
        amount,
        expiresAt: now + BigInt(Math.round(days * 86_400)),
      }),
    );
    const [event] = receipt
      ? parseEventLogs({ abi: usageChannelsAbi, logs: receipt.logs, eventName: "ChannelOpened" })
      : [];
    if (event) setOpened({ key, channelId: event.args.channelId });
  };

  const choose = async (f: File | undefined) => {
    setAnswer(null);
    setCallError(null);
    if (!f) return setFile(null);
    if (!f.type.startsWith("image/")) {
      setFile(null);
      return setCallError(`"${f.name}" is not an image: pick a JPEG or PNG photo.`);
    }
    setFile({ bytes: new Uint8Array(await f.arrayBuffer()), type: f.type, url: URL.createObjectURL(f), name: f.name });
  };

  const call = async () => {
    if (!endpoint || !channel || !channelId || !file) return;
    setCalling(true);
    setCallError(null);
    setAnswer(null);
    try {
      const r = await pay({ channelId, ...channel }, endpoint, file.bytes, file.type);
      const u = r.usage;
      setAnswer({
        result: r.result,
        units: u.units,
        unit: u.unit,
        unitPrice: BigInt(u.unitPrice),
        charge: BigInt(u.charge),
      });
      setCharged({ channelId, value: BigInt(u.charged) });
    } catch (error) {
      setCallError(error instanceof GatewayRequestError ? describeGatewayError(error) : reasonOf(error));
    } finally {
      setCalling(false);
    }
  };

  const mine = charged && charged.channelId === channelId ? charged.value : 0n;
  const runningTotal = mine > ledgerCharged ? mine : ledgerCharged;
  const detection: Detection | null = answer ? detectionOf(answer.result) : null;
  const spent = channel ? runningTotal >= channel.deposit : false;

  return (
    <>
      <PageHead title="Playground">
        Call a model served by the gateway and pay per use from a payment channel: each call is paid with a voucher your
        wallet signs, never more than your deposit.
      </PageHead>
      <Card title="Model">
        {models.error ? (
          <ErrorNote error={models.error} />
        ) : models.isLoading ? (
          <Loading what="Asking the gateway what it serves" />
        ) : endpoints.length === 0 ? (
          <Empty>The gateway serves no model yet: a DAO must open an endpoint first.</Empty>
        ) : (
          <Select
            label="Endpoint"
            value={endpoint?.endpointId ?? ""}
            onChange={(v) => {
              setPicked(v);
              setAnswer(null);
            }}
            options={endpoints.map((e) => {
              const t = tokens.get(e.token.toLowerCase());
              const price = t ? `: ${formatAmount(BigInt(e.unitPrice), t.decimals, 6)} ${t.symbol}` : "";
              return { value: e.endpointId, label: `${e.model} (endpoint ${e.endpointId})${price} per ${e.unit}` };
            })}
          />
        )}
      </Card>
      {endpoint && token ? (
        <Card title="Channel">
          {!signer ? (
            <Empty>Connect a wallet to open a channel and pay for calls.</Empty>
          ) : (
            <>
              {channel && channelId ? (
                <ChannelSummary
                  channel={{ channelId, deposit: channel.deposit, charged: runningTotal, expiresAt: channel.expiresAt }}
                  token={token}
                />
              ) : (
                <p className="muted">You have no open channel to this endpoint: open one to pay for calls.</p>
              )}
              {channel ? <p className="muted">Or open another channel:</p> : null}
              <OpenChannelForm
                key={key}
                token={token}
                balance={balance.data}
                unitPrice={BigInt(endpoint.unitPrice)}
                unit={endpoint.unit}
                busy={tx.busy}
                onOpen={open}
              />
              <TxStatus state={tx.state} />
            </>
          )}
        </Card>
      ) : null}
      {endpoint && token ? (
        <Card title="Try it">
          <div className="row">
            <div className="field">
              <label htmlFor="playground-photo">Photo</label>
              <input
                id="playground-photo"
                type="file"
                accept="image/jpeg,image/png"
                onChange={(e) => void choose(e.target.files?.[0])}
              />
            </div>
            <button type="button" onClick={() => void call()} disabled={!file || !channel || calling || spent}>
              {calling ? "Calling…" : endpoint.unit === "face" ? "Detect faces" : "Call the model"}
            </button>
          </div>
          {!channel && signer ? <p className="muted">Open a channel above to pay for the call.</p> : null}
          {spent ? <p className="error">This channel's deposit is spent: open a new channel.</p> : null}
          {callError ? (
            <p className="error" role="alert">
              {callError}
            </p>
          ) : null}
          {calling ? <Loading what="Signing the voucher and calling the model" /> : null}
          {file ? <FacesImage src={file.url} alt={`Your photo ${file.name}`} detection={detection} /> : null}
          {answer ? (
            <>
              <ChargeLine
                units={answer.units}
                unit={answer.unit}
                unitPrice={answer.unitPrice}
                charge={answer.charge}
                token={token}
              />
              {!detection ? <pre className="wrap">{JSON.stringify(answer.result, null, 2)}</pre> : null}
            </>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}
