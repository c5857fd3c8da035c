/** A receipt's on-chain metadata (VentureReceipts.tokenURI): a base64 JSON data URI with an SVG image. */
export type ReceiptMetadata = {
  name: string;
  description: string;
  image?: string;
  attributes: Array<{ trait_type: string; value: string | number }>;
};

/** Decodes a `data:application/json;base64,…` token URI; null when it is anything else or malformed. */
export function parseTokenUri(uri: string): ReceiptMetadata | null {
  const prefix = "data:application/json;base64,";
  if (!uri.startsWith(prefix)) return null;
  try {
    const bytes = Uint8Array.from(atob(uri.slice(prefix.length)), (c) => c.charCodeAt(0));
    const json = JSON.parse(new TextDecoder().decode(bytes)) as Partial<ReceiptMetadata>;
    if (typeof json.name !== "string") return null;
    return {
      name: json.name,
      description: typeof json.description === "string" ? json.description : "",
      ...(typeof json.image === "string" && json.image.startsWith("data:image/") ? { image: json.image } : {}),
      attributes: Array.isArray(json.attributes) ? json.attributes : [],
    };
  } catch {
    return null;
  }
}
