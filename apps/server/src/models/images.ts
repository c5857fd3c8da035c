import jpeg from "jpeg-js";
import { PNG } from "pngjs";

/** A decoded image: RGB bytes, row by row. */
export type RgbImage = { width: number; height: number; rgb: Uint8Array };

/** Thrown for bytes that are not a JPEG or PNG this server can decode, or an image above the pixel limit. */
export class ImageError extends Error {
  override name = "ImageError";
}

const JPEG = [0xff, 0xd8, 0xff];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** The image's format from its first bytes (the Content-Type header is the client's word, the bytes are the truth). */
export function imageFormat(bytes: Uint8Array): "jpeg" | "png" | undefined {
  if (startsWith(bytes, JPEG)) return "jpeg";
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  return undefined;
}

/**
 * Decodes a JPEG or PNG into RGB. `maxPixels` bounds the decoded size before any pixel is allocated, so a small file
 * that claims a huge canvas (a decompression bomb) is refused instead of exhausting memory.
 */
export function decodeImage(bytes: Uint8Array, maxPixels: number): RgbImage {
  const format = imageFormat(bytes);
  if (!format) throw new ImageError("the body is not a JPEG or PNG image");
  try {
    if (format === "jpeg") {
      const maxMemoryUsageInMB = Math.ceil((maxPixels * 4) / 1_048_576) + 64;
      const img = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: false,
        maxResolutionInMP: maxPixels / 1e6,
        maxMemoryUsageInMB,
      });
      return { width: img.width, height: img.height, rgb: img.data };
    }
    // The canvas size is in the IHDR chunk (bytes 16..23): refuse a bomb before pngjs allocates its pixels.
    if (bytes.length < 24) throw new ImageError("the PNG image could not be decoded: it is truncated");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(16) * view.getUint32(20) > maxPixels) {
      throw new ImageError(`the image has more than ${maxPixels} pixels`);
    }
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const rgb = new Uint8Array(png.width * png.height * 3);
    for (let i = 0, j = 0; i < png.data.length; i += 4, j += 3) {
      rgb[j] = png.data[i] as number;
      rgb[j + 1] = png.data[i + 1] as number;
      rgb[j + 2] = png.data[i + 2] as number;
    }
    return { width: png.width, height: png.height, rgb };
  } catch (cause) {
    if (cause instanceof ImageError) throw cause;
    const reason = (cause as Error).message;
    if (/maxResolutionInMP|maxMemoryUsage/.test(reason)) {
      throw new ImageError(`the image has more than ${maxPixels} pixels`, { cause });
    }
    throw new ImageError(`the ${format.toUpperCase()} image could not be decoded: ${reason}`, { cause });
  }
}
