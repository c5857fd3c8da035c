import { Address } from "../../ui/Address.tsx";
import { BarChart } from "../../ui/Charts.tsx";
import { Empty } from "../../ui/States.tsx";
import { describeChoice, type HubResults, type HubVote } from "./model.ts";

const power = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** The hub's scores as a chart, with the quorum and whether it is reached. */
export function OffchainResults({ results }: { results: HubResults }) {
  return (
    <>
      <BarChart
        title={`Off-chain results (${results.type})`}
        bars={results.choices.map((c, i) => ({ label: c, value: results.scores[i] ?? 0 }))}
        format={power}
      />
      <p>
        {results.votes} vote{results.votes === 1 ? "" : "s"}, {power(results.scoresTotal)} power cast. Quorum{" "}
        {power(results.quorum)}: <strong>{results.quorumReached ? "reached" : "not reached"}</strong>
      </p>
    </>
  );
}

/** Who voted what, with the power the hub counted for them. */
export function VoteTable({ votes, type, choices }: { votes: HubVote[]; type: string; choices: string[] }) {
  if (votes.length === 0) return <Empty>No votes yet.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Voter</th>
            <th scope="col">Choice</th>
            <th scope="col">Power</th>
          </tr>
        </thead>
        <tbody>
          {votes.map((v) => (
            <tr key={v.id}>
              <td>
                <Address address={v.voter} />
              </td>
              <td>{describeChoice(type, v.choice, choices)}</td>
              <td>{power(v.vp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
