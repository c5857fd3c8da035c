import { Keystore } from "ox";
import { getAddress, type Hex, isHex } from "viem";
import { privateKeyToAddress } from "viem/accounts";

/** A mistake in what a deploy was given (key, keystore, password, config, RPC): the commands exit with code 2. */
export class DeployInputError extends Error {
  override name = "DeployInputError";
}

/** A private key as `0x` and 64 hex digits; the error names where it came from. */
export function parseDeployerKey(value: string, source = "AIDAO_DEPLOYER_KEY"): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new DeployInputError(`${source} must be 0x followed by 64 hex digits`);
  return value as Hex;
}

const hex = (value: unknown, bytes?: number) =>
  typeof value === "string" && isHex(`0x${value}`) && (bytes === undefined || value.length === 2 * bytes);
const positive = (value: unknown) => typeof value === "number" && Number.isSafeInteger(value) && value > 0;

/**
 * Decrypts an encrypted JSON keystore (Web3 Secret Storage v3, as geth, Clef, `cast wallet new` and MetaMask write:
 * scrypt or PBKDF2-HMAC-SHA256, AES-128-CTR, keccak MAC) with `password`, through `ox`'s `Keystore` (viem's own
 * primitives). Returns the private key. `file` names the keystore in errors: not JSON, not a v3 keystore, an
 * unsupported cipher or KDF, a wrong password (the MAC does not match), an address that is not the key's.
 */
export async function decryptKeystore(text: string, password: string, file = "the keystore"): Promise<Hex> {
  const bad = (why: string) => new DeployInputError(`${file} is not a usable keystore: ${why}`);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw bad("it is not JSON");
  }
  if (typeof json !== "object" || json === null) throw bad("it is not a JSON object");
  if (json.version !== 3) throw bad(`version ${JSON.stringify(json.version)}, not 3`);
  // Some wallets (MyEtherWallet) capitalise the key.
  const crypto = (json.crypto ?? json.Crypto) as Record<string, unknown> | undefined;
  if (typeof crypto !== "object" || crypto === null) throw bad('no "crypto" section');
  if (crypto.cipher !== "aes-128-ctr") throw bad(`cipher ${JSON.stringify(crypto.cipher)}, not aes-128-ctr`);
  const iv = (crypto.cipherparams as { iv?: unknown } | undefined)?.iv;
  if (!hex(iv, 16)) throw bad("cipherparams.iv is not 16 bytes of hex");
  if (!hex(crypto.ciphertext, 32)) throw bad("ciphertext is not 32 bytes of hex");
  if (!hex(crypto.mac, 32)) throw bad("mac is not 32 bytes of hex");
  const params = crypto.kdfparams as Record<string, unknown> | undefined;
  if (typeof params !== "object" || params === null) throw bad("no kdfparams");
  if (!hex(params.salt)) throw bad("kdfparams.salt is not hex");
  if (params.dklen !== 32) throw bad(`kdfparams.dklen ${JSON.stringify(params.dklen)}, not 32`);
  if (crypto.kdf === "scrypt") {
    if (!positive(params.n) || !positive(params.r) || !positive(params.p)) throw bad("scrypt needs n, r and p");
  } else if (crypto.kdf === "pbkdf2") {
    if (!positive(params.c)) throw bad("pbkdf2 needs c");
    if (params.prf !== "hmac-sha256") throw bad(`pbkdf2 prf ${JSON.stringify(params.prf)}, not hmac-sha256`);
  } else {
    throw bad(`kdf ${JSON.stringify(crypto.kdf)}, neither scrypt nor pbkdf2`);
  }
  const keystore = { ...json, crypto } as unknown as Keystore.Keystore;
  const key = await Keystore.toKeyAsync(keystore, { password });
  let privateKey: Hex;
  try {
    privateKey = Keystore.decrypt(keystore, key);
  } catch {
    throw new DeployInputError(`wrong password for ${file} (its MAC does not match)`);
  }
  if (typeof json.address === "string" && hex(json.address.replace(/^0x/, ""), 20)) {
    const address = getAddress(`0x${json.address.replace(/^0x/, "")}`);
    if (address !== privateKeyToAddress(privateKey)) throw bad(`its key is not ${address}'s, as it claims`);
  }
  return privateKey;
}
