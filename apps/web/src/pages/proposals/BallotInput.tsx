import type { Ballot } from "./model.ts";

/** The ballot for a voting type: radio buttons, checkboxes, a ranking or weights. */
export function BallotInput({
  ballot,
  choices,
  onChange,
}: {
  ballot: Ballot;
  choices: string[];
  onChange(b: Ballot): void;
}) {
  switch (ballot.type) {
    case "single-choice":
    case "basic":
      return (
        <fieldset>
          <legend>Your choice</legend>
          {choices.map((c, i) => (
            <label className="option" key={c}>
              <input
                type="radio"
                name="ballot"
                checked={ballot.choice === i + 1}
                onChange={() => onChange({ ...ballot, choice: i + 1 })}
              />
              {c}
            </label>
          ))}
        </fieldset>
      );
    case "approval":
      return (
        <fieldset>
          <legend>Approve any number of choices</legend>
          {choices.map((c, i) => (
            <label className="option" key={c}>
              <input
                type="checkbox"
                checked={ballot.chosen.includes(i + 1)}
                onChange={(e) =>
                  onChange({
                    ...ballot,
                    chosen: e.target.checked ? [...ballot.chosen, i + 1] : ballot.chosen.filter((x) => x !== i + 1),
                  })
                }
              />
              {c}
            </label>
          ))}
        </fieldset>
      );
    case "ranked-choice": {
      const move = (at: number, by: number) => {
        const order = [...ballot.order];
        const [x] = order.splice(at, 1);
        order.splice(at + by, 0, x as number);
        onChange({ ...ballot, order });
      };
      return (
        <fieldset>
          <legend>Rank the choices, most preferred first</legend>
          <ol>
            {ballot.order.map((n, at) => {
              const name = choices[n - 1] ?? `#${n}`;
              return (
                <li className="option" key={n}>
                  <span>{name}</span>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Move ${name} up`}
                    disabled={at === 0}
                    onClick={() => move(at, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Move ${name} down`}
                    disabled={at === ballot.order.length - 1}
                    onClick={() => move(at, 1)}
                  >
                    ↓
                  </button>
                </li>
              );
            })}
          </ol>
        </fieldset>
      );
    }
    case "weighted":
    case "quadratic":
      return (
        <fieldset>
          <legend>
            Split your power: a weight for each choice{ballot.type === "quadratic" ? " (counted quadratically)" : ""}
          </legend>
          {choices.map((c, i) => (
            <label className="option" key={c}>
              <input
                type="number"
                min={0}
                step="any"
                aria-label={`Weight for ${c}`}
                value={ballot.weights[i] ?? ""}
                onChange={(e) => {
                  const weights = [...ballot.weights];
                  weights[i] = e.target.value;
                  onChange({ ...ballot, weights });
                }}
              />
              {c}
            </label>
          ))}
        </fieldset>
      );
  }
}
