import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ChannelSummary, ChargeLine, FacesImage, OpenChannelForm } from "./PlaygroundViews.tsx";
import { boxPercent, daysError, depositError, describeGatewayError, detectionOf } from "./playground.ts";

const token = { symbol: "dUSD", decimals: 6 };

describe("playground logic", () => {
  it("reads a face detection answer and nothing else", () => {
    const d = detectionOf({ width: 10, height: 20, faces: [{ box: { x: 1, y: 2, width: 3, height: 4 }, score: 0.9 }] });
    expect(d?.faces).toHaveLength(1);
    expect(detectionOf({ label: "cat" })).toBeNull();
    expect(detectionOf(null)).toBeNull();
  });
  it("scales a box to percentages of the image", () => {
    expect(boxPercent({ x: 50, y: 25, width: 100, height: 50 }, 200, 100)).toEqual({
      left: "25.000%",
      top: "25.000%",
      width: "50.000%",
      height: "50.000%",
    });
  });
  it("says what gateway refusals mean", () => {
    expect(describeGatewayError({ status: 429, code: "BUSY", message: "busy", retryAfter: 3 })).toMatch(
      /Try again in 3 s/,
    );
    expect(describeGatewayError({ status: 422, code: "BAD_INPUT", message: "not an image" })).toMatch(
      /could not read this photo \(not an image\)/,
    );
    expect(describeGatewayError({ status: 402, code: "DEPOSIT_TOO_LOW", message: "spent" })).toMatch(
      /deposit is spent/,
    );
    expect(describeGatewayError({ status: 402, code: "SOMETHING", message: "no" })).toBe("Payment required: no.");
    expect(describeGatewayError({ status: 429, message: "x" })).toMatch(/Too many requests/);
  });
  it("validates the deposit and the lifetime", () => {
    expect(depositError(null, "", 10n, "dUSD")).toBe("Enter how much to deposit.");
    expect(depositError(null, "abc", 10n, "dUSD")).toMatch(/not a positive amount/);
    expect(depositError(11n, "11", 10n, "dUSD")).toMatch(/balance is too low/);
    expect(depositError(10n, "10", 10n, "dUSD")).toBeNull();
    expect(daysError("0")).toMatch(/positive/);
    expect(daysError("x")).toMatch(/positive/);
    expect(daysError("400")).toMatch(/365/);
    expect(daysError("7")).toBeNull();
  });
});

describe("playground views", () => {
  it("refuses a bad deposit, keeps it, and opens with a good one", () => {
    const onOpen = vi.fn();
    render(
      <OpenChannelForm
        token={token}
        balance={3_000_000n}
        unitPrice={50_000n}
        unit="face"
        busy={false}
        onOpen={onOpen}
      />,
    );
    const deposit = screen.getByLabelText("Deposit (dUSD)") as HTMLInputElement;
    expect(deposit.value).toBe("5");
    fireEvent.change(deposit, { target: { value: "9" } });
    fireEvent.click(screen.getByRole("button", { name: "Open channel" }));
    expect(onOpen).not.toHaveBeenCalled();
    expect(screen.getByText(/balance is too low/)).toBeTruthy();
    expect(deposit.value).toBe("9");
    fireEvent.change(deposit, { target: { value: "2" } });
    expect(screen.getByText(/pays for up to 40 faces/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Open channel" }));
    expect(onOpen).toHaveBeenCalledWith(2_000_000n, 7);
  });

  it("draws one labelled box per face, scaled, and counts them", () => {
    render(
      <FacesImage
        src="blob:x"
        alt="Your photo"
        detection={{
          width: 200,
          height: 100,
          faces: [
            { box: { x: 0, y: 0, width: 20, height: 10 }, score: 0.91 },
            { box: { x: 100, y: 50, width: 50, height: 50 }, score: 0.5 },
          ],
        }}
      />,
    );
    const boxes = screen.getAllByRole("img", { name: /^Face/ });
    expect(boxes).toHaveLength(2);
    expect(boxes[1]?.style.left).toBe("50%");
    expect(boxes[1]?.style.height).toBe("50%");
    expect(boxes[0]?.getAttribute("aria-label")).toBe("Face 1 (score 0.91)");
    expect(screen.getByText("2 faces found")).toBeTruthy();
  });

  it("shows the charge as units × price and the channel's remaining deposit", () => {
    render(<ChargeLine units={3} unit="face" unitPrice={50_000n} charge={150_000n} token={token} />);
    expect(screen.getByRole("status").textContent).toBe("Charge: 3 faces × 0.05 dUSD = 0.15 dUSD");
    render(
      <ChannelSummary
        channel={{ channelId: "0x01", deposit: 2_000_000n, charged: 150_000n, expiresAt: 2_000_000_000n }}
        token={token}
      />,
    );
    expect(screen.getByTestId("channel-remaining").textContent).toBe("1.85 dUSD");
    expect(screen.getByTestId("channel-charged").textContent).toBe("0.15 dUSD");
  });
});
