import { formatBps, formatDuration } from "../../lib/format.ts";
import { Address } from "../../ui/Address.tsx";
import { parseDuration, WIZARD_TEMPLATES, type WizardState } from "./wizard.ts";

const MODES = { OnChain: "On chain", OffChain: "Off chain (Safe)", Both: "On chain and Safe" };

/** What will be created, in words, with the protocol fee. */
export function WizardReview({ s, protocolFeeBps }: { s: WizardState; protocolFeeBps: number | undefined }) {
  const template = WIZARD_TEMPLATES.find((t) => t.name === s.template);
  const d = (text: string) => {
    const n = parseDuration(text);
    return n === null ? text : n === 0 ? "none" : formatDuration(n);
  };
  return (
    <dl className="review" aria-label="Review">
      <dt>Template</dt>
      <dd>{template?.title}</dd>
      <dt>Name</dt>
      <dd>
        {s.name}
        {s.daoURI ? ` (${s.daoURI})` : ""} — a child of the main AIDAO DAO
      </dd>
      {s.template === "revenue-sharing" || s.template === "grant" ? (
        <>
          <dt>Token</dt>
          <dd>
            {s.tokenName} ({s.symbol}), {s.holders.length} holder{s.holders.length === 1 ? "" : "s"}:
            <ul className="review-list">
              {s.holders.map((h) => (
                <li key={h.account}>
                  <Address address={h.account} />: {h.amount} {s.symbol}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {s.template === "grant" ? (
        <>
          <dt>Veto</dt>
          <dd>
            {s.vetoQuorumPercent}% of the supply within {d(s.vetoWindow)}
          </dd>
        </>
      ) : null}
      {s.template === "donation" ? (
        <>
          <dt>Accepted donations</dt>
          <dd>{s.allowed.map((t) => `${t.account}: ${t.amount} votes per token`).join(", ")}</dd>
        </>
      ) : null}
      {s.template === "consortium" ? (
        <>
          <dt>Members</dt>
          <dd>
            {s.members
              .map((m) => `${m.account} ${m.amount}%${s.weighted ? ` weight ${m.weight ?? "1"}` : ""}`)
              .join(", ")}
            {s.weighted ? "" : " — one member, one vote"}
          </dd>
        </>
      ) : null}
      <dt>Governance</dt>
      <dd>
        {MODES[s.mode]}
        {s.mode !== "OffChain"
          ? `: voting delay ${d(s.votingDelay)}, voting period ${d(s.votingPeriod)}, quorum ${s.quorumPercent}%, threshold ${s.proposalThreshold} votes, timelock ${d(s.timelockDelay)}`
          : ""}
        {s.mode !== "OnChain" ? `; Safe ${s.safeThreshold} of ${s.safeOwners}` : ""}
      </dd>
      <dt>Protocol fee</dt>
      <dd>
        {protocolFeeBps === undefined
          ? "…"
          : protocolFeeBps === 0
            ? "None: creating is free and incomes pay no fee"
            : `Creating is free; every income into the DAO's treasury pays ${formatBps(protocolFeeBps)} to the main AIDAO treasury`}
      </dd>
    </dl>
  );
}
