/** A small PNG reader for tests (8-bit RGB/RGBA, non-interlaced: what Chromium writes) and pixel statistics. */
import { inflateSync } from "node:zlib";

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Uint8Array;
}

/** Width and height from the IHDR chunk (throws when the bytes are not a PNG). */
export function pngSize(buf: Uint8Array): { width: number; height: number } {
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!sig.every((b, i) => buf[i] === b)) throw new Error("not a PNG");
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

export function decodePng(buf: Uint8Array): Image {
  const { width, height } = pngSize(buf);
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let off = 8;
  let depth = 0, colorType = 0, interlace = 0;
  const idat: Uint8Array[] = [];
  while (off < buf.length) {
    const len = v.getUint32(off);
    const type = String.fromCharCode(...buf.subarray(off + 4, off + 8));
    const body = buf.subarray(off + 8, off + 8 + len);
    if (type === "IHDR") {
      depth = body[8]!;
      colorType = body[9]!;
      interlace = body[12]!;
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    off += 12 + len;
  }
  if (depth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colorType})`);
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? cur[x - bpp]! : 0, b = prev[x]!, c = x >= bpp ? prev[x - bpp]! : 0;
      let p: number;
      if (f === 0) p = 0;
      else if (f === 1) p = a;
      else if (f === 2) p = b;
      else if (f === 3) p = (a + b) >> 1;
      else {
        const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = (line[x]! + p) & 255;
    }
    for (let x = 0; x < width; x++) {
      out[4 * (y * width + x)] = cur[x * bpp]!;
      out[4 * (y * width + x) + 1] = cur[x * bpp + 1]!;
      out[4 * (y * width + x) + 2] = cur[x * bpp + 2]!;
      out[4 * (y * width + x) + 3] = bpp === 4 ? cur[x * bpp + 3]! : 255;
    }
    prev = cur;
  }
  return { width, height, data: out };
}

/** Pixels in a rectangle (fractions of the image) that differ from the background by more than `tol`. */
export function litPixels(img: Image, region: { x0: number; x1: number; y0: number; y1: number } = { x0: 0, x1: 1, y0: 0, y1: 1 }, background: [number, number, number] = [0x10, 0x15, 0x1b], tol = 60): number {
  let n = 0;
  const X0 = Math.floor(region.x0 * img.width), X1 = Math.ceil(region.x1 * img.width);
  const Y0 = Math.floor(region.y0 * img.height), Y1 = Math.ceil(region.y1 * img.height);
  for (let y = Y0; y < Y1; y++)
    for (let x = X0; x < X1; x++) {
      const o = 4 * (y * img.width + x);
      const d = Math.abs(img.data[o]! - background[0]) + Math.abs(img.data[o + 1]! - background[1]) + Math.abs(img.data[o + 2]! - background[2]);
      if (d > tol) n++;
    }
  return n;
}

/** Columns (x, as fractions) where many pixels are lit: where vertical members are. */
export function litColumns(img: Image, minFraction = 0.25, region = { y0: 0, y1: 1 }): number[] {
  const xs: number[] = [];
  for (let x = 0; x < img.width; x++) {
    const n = litPixels(img, { x0: x / img.width, x1: (x + 1) / img.width, y0: region.y0, y1: region.y1 });
    if (n >= minFraction * img.height * (region.y1 - region.y0)) xs.push(x / img.width);
  }
  return xs;
}
