import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { crc32, deflateSync } from "node:zlib";
import { PNG } from "pngjs";
import { decodeImage, ImageError, imageFormat } from "./images.ts";

const require = createRequire(import.meta.url);
const demo = join(dirname(require.resolve("@vladmandic/face-api/package.json")), "demo");
const sample1 = new Uint8Array(readFileSync(join(demo, "sample1.jpg")));
const BIG = 100_000_000;

/** Asserts that `fn` throws an ImageError (and nothing else) whose message matches `message`. */
function throwsImageError(fn: () => unknown, message?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ImageError, `an ImageError, not ${(e as Error)?.name}: ${(e as Error)?.message}`);
    assert.equal(e.name, "ImageError");
    if (message) assert.match(e.message, message);
    return true;
  });
}

/** A PNG of `width` × `height` whose pixel (x, y) is RGBA `pixel(x, y)`. */
function makePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number, number],
  colorType?: 0 | 2 | 4 | 6,
): Uint8Array {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) png.data.set(pixel(x, y), (y * width + x) * 4);
  }
  return new Uint8Array(PNG.sync.write(png, colorType === undefined ? {} : { colorType }));
}

/** The offset of the JPEG's start-of-frame (SOF0..SOF2) segment. */
function sofOffset(jpeg: Uint8Array): number {
  let i = 2;
  while (i < jpeg.length) {
    assert.equal(jpeg[i], 0xff, "a JPEG marker");
    const marker = jpeg[i + 1] as number;
    if (marker >= 0xc0 && marker <= 0xc2) return i;
    i += 2 + (((jpeg[i + 2] as number) << 8) | (jpeg[i + 3] as number));
  }
  throw new Error("no SOF segment");
}

/** A PNG whose header claims `width` × `height` RGBA pixels but whose data holds one row of zeros. */
function pngClaiming(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(crc32(typed) >>> 0, 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", ihdr),
      chunk("IDAT", deflateSync(Buffer.alloc(width * 4 + 1))),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

describe("imageFormat", () => {
  it("tells JPEG and PNG from their first bytes and nothing else", () => {
    assert.equal(imageFormat(sample1), "jpeg");
    assert.equal(imageFormat(makePng(1, 1, () => [0, 0, 0, 255])), "png");
    assert.equal(imageFormat(new Uint8Array([0xff, 0xd8])), undefined, "too short for a JPEG");
    assert.equal(imageFormat(new TextEncoder().encode("GIF89a")), undefined);
    assert.equal(imageFormat(new Uint8Array(0)), undefined);
  });
});

describe("decodeImage", () => {
  it("decodes face-api's sample1.jpg into 1920 × 1280 RGB bytes", () => {
    const img = decodeImage(sample1, BIG);
    assert.equal(img.width, 1920);
    assert.equal(img.height, 1280);
    assert.equal(img.rgb.length, 1920 * 1280 * 3);
    assert.ok(img.rgb instanceof Uint8Array);
    assert.ok(
      img.rgb.some((b) => b !== img.rgb[0]),
      "the pixels are not all the same",
    );
  });

  it("decodes every face-api sample JPEG into width × height × 3 bytes", () => {
    for (const name of ["sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg"]) {
      const img = decodeImage(new Uint8Array(readFileSync(join(demo, name))), BIG);
      assert.ok(img.width > 0 && img.height > 0, name);
      assert.equal(img.rgb.length, img.width * img.height * 3, name);
    }
  });

  it("decodes the pixels of a PNG as RGB, dropping the alpha channel", () => {
    const pixel = (x: number, y: number): [number, number, number, number] => [
      x * 40 + y,
      200 - x * 10,
      y * 100 + 7,
      x === 0 ? 0 : 255 - y * 50, // transparency must not change the colour
    ];
    const img = decodeImage(makePng(5, 3, pixel), BIG);
    assert.equal(img.width, 5);
    assert.equal(img.height, 3);
    const expected: number[] = [];
    for (let y = 0; y < 3; y++) for (let x = 0; x < 5; x++) expected.push(...pixel(x, y).slice(0, 3));
    assert.deepEqual([...img.rgb], expected);
  });

  it("decodes RGB and grayscale PNGs too", () => {
    const rgb = decodeImage(
      makePng(2, 2, (x, y) => [10 + x, 20 + y, 30, 255], 2),
      BIG,
    );
    assert.deepEqual([...rgb.rgb], [10, 20, 30, 11, 20, 30, 10, 21, 30, 11, 21, 30]);
    const gray = decodeImage(
      makePng(3, 1, (x) => [x * 100, x * 100, x * 100, 255], 0),
      BIG,
    );
    assert.deepEqual([...gray.rgb], [0, 0, 0, 100, 100, 100, 200, 200, 200]);
  });

  it("decodes a PNG that is a view into a larger buffer", () => {
    const png = makePng(2, 1, (x) => [x, 2, 3, 255]);
    const backing = new Uint8Array(png.length + 20);
    backing.fill(0xab);
    backing.set(png, 7);
    const img = decodeImage(backing.subarray(7, 7 + png.length), BIG);
    assert.deepEqual([...img.rgb], [0, 2, 3, 1, 2, 3]);
  });

  it("accepts an image of exactly maxPixels pixels", () => {
    assert.equal(
      decodeImage(
        makePng(10, 10, () => [1, 2, 3, 255]),
        100,
      ).rgb.length,
      300,
    );
    assert.equal(decodeImage(sample1, 1920 * 1280).width, 1920);
  });

  it("refuses bytes that are not a JPEG or PNG with an ImageError", () => {
    const inputs = [
      new Uint8Array(0),
      new TextEncoder().encode("hello, not an image"),
      new TextEncoder().encode("GIF89a\x01\x00\x01\x00"),
      new TextEncoder().encode('{"image": "base64..."}'),
      new Uint8Array([0x42, 0x4d, 0, 0, 0, 0]), // BMP
      sample1.subarray(1),
    ];
    for (const bytes of inputs) throwsImageError(() => decodeImage(bytes, BIG), /not a JPEG or PNG/);
  });

  it("refuses a truncated JPEG with an ImageError, wherever it is cut", () => {
    for (const length of [3, 4, 20, 500, 4300, 4800, 10_000, 70_000, sample1.length - 2]) {
      throwsImageError(() => decodeImage(sample1.subarray(0, length), BIG), /JPEG image could not be decoded/);
    }
  });

  it("refuses a JPEG with corrupted segments with an ImageError", () => {
    const corrupt = sample1.slice();
    const sof = sofOffset(corrupt);
    corrupt.fill(0, sof, sof + 40);
    throwsImageError(() => decodeImage(corrupt, BIG));
  });

  it("refuses a truncated or corrupted PNG with an ImageError", () => {
    const png = makePng(20, 20, (x, y) => [x, y, x ^ y, 255]);
    for (const length of [8, 12, 30, png.length - 20, png.length - 1]) {
      throwsImageError(() => decodeImage(png.subarray(0, length), BIG), /PNG image could not be decoded/);
    }
    const badCrc = png.slice();
    badCrc[29] = (badCrc[29] as number) ^ 0xff; // inside the IHDR's CRC
    throwsImageError(() => decodeImage(badCrc, BIG), /PNG image could not be decoded/);
  });

  it("refuses a JPEG above maxPixels with an ImageError that mentions pixels", () => {
    throwsImageError(() => decodeImage(sample1, 1_000_000), /more than 1000000 pixels/);
    throwsImageError(() => decodeImage(sample1, 1920 * 1280 - 1), /pixels/);
  });

  it("refuses a PNG above maxPixels with an ImageError that mentions pixels", () => {
    const png = makePng(10, 10, () => [1, 2, 3, 255]);
    throwsImageError(() => decodeImage(png, 99), /more than 99 pixels/);
  });

  it("refuses at once a small JPEG whose header claims a huge canvas", () => {
    const bomb = sample1.slice();
    const sof = sofOffset(bomb);
    bomb.set([0xea, 0x60, 0xea, 0x60], sof + 5); // 60000 × 60000
    throwsImageError(() => decodeImage(bomb, 16_000_000), /pixels/);
  });

  it("refuses a small PNG whose header claims a huge canvas before allocating its pixels", () => {
    // 6000 × 6000 RGBA: 144 MB for pngjs's inflate buffer and 144 MB for its bitmap, from a file of ~100 bytes.
    const bomb = pngClaiming(6000, 6000);
    assert.ok(bomb.length < 1000);
    const before = process.resourceUsage().maxRSS;
    throwsImageError(() => decodeImage(bomb, 1_000_000), /pixels/);
    const grewMb = (process.resourceUsage().maxRSS - before) / 1024;
    assert.ok(grewMb < 100, `the peak memory grew by ${Math.round(grewMb)} MB to refuse a ${bomb.length}-byte file`);
  });
});
