import type { PaymentPayload, PaymentRequirements, SettleResponse } from "@x402/core/types";
import type { Context, Hono } from "hono";
import { readBody, requestHeader } from "../http/readBody.ts";
import type { ServedEndpoint } from "./catalogue.ts";
import { GatewayError } from "./errors.ts";
import type { Gateway } from "./gateway.ts";
import { decodeHeader, encodeHeader, networkOf, paymentRequired } from "./payment.ts";
import type { GatewayStore } from "./store.ts";

export type GatewayRoutesOptions = {
  gateway: Gateway;
  store: GatewayStore;
  /** The largest request body accepted, in bytes (default 8 MiB). */
  maxBodyBytes?: number;
};

/**
 * The gateway's HTTP API:
 * - `GET /v1/models` — the endpoints served here, their units, prices and payment terms (read from the chain);
 * - `POST /v1/endpoints/:id` and `POST /v1/models/:model` — a paid call: the body is the model's input, the payment an
 *   x402 `PAYMENT-SIGNATURE` header; without one, 402 with the `PAYMENT-REQUIRED` terms;
 * - `GET /v1/channels/:id` — the gateway's ledger for a channel (a client resynchronises its running total from it);
 * - `GET /v1/usage` — requests, units and revenue per endpoint.
 */
export function gatewayRoutes(app: Hono, o: GatewayRoutesOptions): void {
  const { gateway, store } = o;
  const maxBodyBytes = o.maxBodyBytes ?? 8 * 1024 * 1024;

  app.get("/v1/models", async (c) => {
    const endpoints = await gateway.catalogue.list();
    return c.json({
      network: networkOf(gateway.options.chainId),
      usageChannels: gateway.options.usageChannels,
      endpoints: endpoints.map((e) => ({
        endpointId: e.endpointId.toString(),
        modelId: e.modelId.toString(),
        model: e.modelName,
        versionId: e.versionId.toString(),
        daoId: e.daoId.toString(),
        unit: e.unit,
        unitPrice: e.unitPrice.toString(),
        token: e.paymentToken,
        maxUnitsPerRequest: e.maxUnits,
        kind: e.target.kind,
        path: `/v1/endpoints/${e.endpointId}`,
        load: gateway.load(e.endpointId) ?? null,
      })),
    });
  });

  // x402's facilitator API, for the `exact` scheme this gateway settles itself (other resource servers may use it).
  const exact = gateway.options.exact;
  if (exact) {
    app.get("/facilitator/supported", (c) =>
      c.json({
        kinds: [{ x402Version: 2, scheme: "exact", network: networkOf(gateway.options.chainId) }],
        extensions: [],
        signers: {},
      }),
    );
    const body = async (c: Context) => {
      const b = (await c.req.json().catch(() => null)) as {
        paymentPayload?: PaymentPayload;
        paymentRequirements?: PaymentRequirements;
      } | null;
      if (!b?.paymentPayload?.accepted || !b.paymentRequirements) {
        throw new GatewayError("MALFORMED_PAYMENT", "send { x402Version, paymentPayload, paymentRequirements }");
      }
      return b as { paymentPayload: PaymentPayload; paymentRequirements: PaymentRequirements };
    };
    app.post("/facilitator/verify", async (c) => {
      const b = await body(c);
      return c.json(await exact.verify(b.paymentPayload, b.paymentRequirements));
    });
    app.post("/facilitator/settle", async (c) => {
      const b = await body(c);
      const verdict = await exact.verify(b.paymentPayload, b.paymentRequirements);
      if (!verdict.isValid) {
        return c.json({
          success: false,
          errorReason: verdict.invalidReason,
          transaction: "",
          network: networkOf(gateway.options.chainId),
        });
      }
      return c.json(await exact.settle(b.paymentPayload, b.paymentRequirements));
    });
  }

  app.get("/v1/channels/:id", async (c) => {
    const id = c.req.param("id").toLowerCase();
    if (!/^0x[0-9a-f]{64}$/.test(id)) throw new GatewayError("MALFORMED_PAYMENT", "a channel id is 0x + 64 hex digits");
    const state = await gateway.options.ledger.channel(id as `0x${string}`);
    const r = state.record;
    return c.json({
      channelId: r.channelId,
      endpointId: r.endpointId.toString(),
      customer: r.customer,
      token: r.token,
      deposit: state.deposit.toString(),
      expiresAt: Number(r.expiresAt),
      charged: r.charged.toString(),
      inFlight: state.reserved.toString(),
      authorised: r.voucherAmount.toString(),
      redeemed: r.redeemed.toString(),
      requests: r.requests,
    });
  });

  app.get("/v1/usage", async (c) => {
    const hours = Number(c.req.query("hours") ?? 24);
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 90)
      throw new GatewayError("BAD_INPUT", "?hours must be in (0, 2160]");
    const str = <T extends { endpointId: bigint; amount: bigint }>(u: T) => ({
      ...u,
      endpointId: u.endpointId.toString(),
      amount: u.amount.toString(),
    });
    return c.json({
      endpoints: (await store.usageByEndpoint()).map(str),
      perMinute: (await store.usageSeries(Date.now() - hours * 3_600_000)).map(str),
      redemptions: (await store.redemptions(20)).map((r) => ({ ...r, claimed: r.claimed.toString() })),
    });
  });

  const invoke = async (c: Context, e: ServedEndpoint) => {
    const header = requestHeader(c, "payment-signature");
    if (!header) {
      throw new GatewayError(
        "PAYMENT_REQUIRED",
        `pay for ${new URL(c.req.url).pathname} with a voucher on a channel to endpoint ${e.endpointId}`,
        {
          endpointId: e.endpointId.toString(),
        },
      );
    }
    let payment: PaymentPayload;
    try {
      payment = decodeHeader<PaymentPayload>(header);
    } catch {
      throw new GatewayError(
        "MALFORMED_PAYMENT",
        "the PAYMENT-SIGNATURE header is not base64 JSON of an x402 payment payload",
      );
    }
    if (
      typeof payment !== "object" ||
      payment === null ||
      typeof payment.accepted !== "object" ||
      payment.accepted === null
    ) {
      throw new GatewayError("MALFORMED_PAYMENT", "the x402 payment payload has no `accepted` requirements");
    }
    const body = await readBody(
      c,
      maxBodyBytes,
      () =>
        new GatewayError("BODY_TOO_LARGE", `the request body is larger than ${maxBodyBytes} bytes`, {
          maxBodyBytes,
        }),
    );
    const paid = await gateway.call(e, payment, { body, contentType: requestHeader(c, "content-type") });
    // A plain header record, not c.header(): Hono would build a web Headers object, and the Node adapter would copy
    // it back out, a visible share of a small call's CPU.
    return new Response(JSON.stringify(paid), {
      headers: {
        "content-type": "application/json",
        "payment-response": encodeHeader({
          success: true,
          transaction: paid.usage.transaction ?? "",
          network: networkOf(gateway.options.chainId),
          payer: paid.usage.payer,
          amount: paid.usage.charge,
          extra: paid.usage,
        } satisfies SettleResponse),
      },
    });
  };

  const withEndpoint = (resolve: (c: Context) => Promise<ServedEndpoint>) => async (c: Context) => {
    const e = await resolve(c);
    try {
      return await invoke(c, e);
    } catch (error) {
      if (error instanceof GatewayError && error.isPayment) return await payment402(c, error, gateway, e);
      throw error;
    }
  };

  app.post(
    "/v1/endpoints/:id",
    withEndpoint((c) => gateway.catalogue.resolve({ endpointId: c.req.param("id") as string })),
  );
  app.post(
    "/v1/models/:model",
    withEndpoint((c) =>
      gateway.catalogue.resolve({ model: c.req.param("model") as string, unit: c.req.query("unit") }),
    ),
  );
}

async function payment402(c: Context, error: GatewayError, gateway: Gateway, e: ServedEndpoint) {
  const required = paymentRequired(new URL(c.req.url).pathname, error.message, await gateway.requirements(e));
  c.header("PAYMENT-REQUIRED", encodeHeader(required));
  return c.json({ ...required, ...error.toJSON() }, 402);
}

/** The JSON error answer of every route (typed errors keep their status; anything else is a 500 with no internals). */
export function errorResponse(c: Context, error: unknown) {
  if (error instanceof GatewayError) {
    if (error.retryAfter !== undefined) c.header("Retry-After", String(error.retryAfter));
    // The rest of an oversize body is never read: the connection cannot carry another request.
    if (error.code === "BODY_TOO_LARGE") c.header("Connection", "close");
    return c.json(error.toJSON(), error.status as 400);
  }
  console.error(error);
  return c.json({ error: { code: "INTERNAL", message: "the server failed; see its log" } }, 500);
}
