/**
 * The server-side DOM the figures render into: a linkedom document whose `<canvas>` is a small
 * pure-TypeScript pixel buffer that writes PNG data URLs (linkedom has no canvas, and Plot needs
 * one for raster marks and colour-ramp legends).
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { deflateSync } from "node:zlib";
import { parseHTML } from "linkedom";

/** The part of a DOM element the plot helpers use. */
export interface DomElement {
  readonly tagName: string;
  readonly outerHTML: string;
  textContent: string | null;
  readonly children: ArrayLike<DomElement>;
  readonly ownerDocument: DomDocument;
  className: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  cloneNode(deep: boolean): DomElement;
  append(...nodes: (DomElement | string)[]): void;
  prepend(...nodes: (DomElement | string)[]): void;
  remove(): void;
  style: Record<string, string>;
}

/** The part of a DOM document the plot helpers use. */
export interface DomDocument {
  createElement(name: string): DomElement;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes RGBA pixels (row-major, 4 bytes a pixel) as a PNG file.
 *
 * @example
 * ```ts
 * import { encodePng } from "./_dom.ts";
 * import assert from "node:assert/strict";
 * const png = encodePng(1, 1, new Uint8Array([255, 0, 0, 255]));
 * assert.deepEqual([...png.subarray(1, 4)], [80, 78, 71]); // "PNG"
 * ```
 */
export function encodePng(
  width: number,
  height: number,
  rgba: Uint8Array | Uint8ClampedArray,
): Uint8Array {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(`encodePng: expected ${width * height * 4} bytes, got ${rgba.length}`);
  }
  const stride = width * 4;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", new Uint8Array(deflateSync(raw, { level: 9 }))),
    chunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * A PNG as a `data:` URL.
 *
 * @example
 * ```ts
 * import { pngDataUrl } from "./_dom.ts";
 * import assert from "node:assert/strict";
 * assert.match(pngDataUrl(1, 1, new Uint8Array(4)), /^data:image\/png;base64,iVBOR/);
 * ```
 */
export function pngDataUrl(width: number, height: number, rgba: Uint8Array | Uint8ClampedArray) {
  return `data:image/png;base64,${Buffer.from(encodePng(width, height, rgba)).toString("base64")}`;
}

/**
 * The RGBA bytes of a CSS colour in the forms d3 and Plot produce: `#rgb`, `#rrggbb`,
 * `rgb(r, g, b)`, `rgba(r, g, b, a)`; anything else is transparent.
 *
 * @example
 * ```ts
 * import { parseColor } from "./_dom.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseColor("#4e79a7"), [78, 121, 167, 255]);
 * assert.deepEqual(parseColor("rgb(1, 2, 3)"), [1, 2, 3, 255]);
 * assert.deepEqual(parseColor("rgba(1, 2, 3, 0.5)"), [1, 2, 3, 128]);
 * assert.deepEqual(parseColor("#fff"), [255, 255, 255, 255]);
 * ```
 */
export function parseColor(color: string): [number, number, number, number] {
  const s = String(color).trim().toLowerCase();
  let m = /^#([0-9a-f]{6})$/.exec(s);
  if (m) {
    const n = parseInt(m[1], 16);
    return [n >> 16, (n >> 8) & 255, n & 255, 255];
  }
  m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (m) return [...m.slice(1, 4).map((h) => parseInt(h + h, 16)), 255] as never;
  m = /^rgba?\(([^)]*)\)$/.exec(s);
  if (m) {
    const [r, g, b, a = "1"] = m[1].split(/[\s,/]+/).filter(Boolean);
    return [Number(r), Number(g), Number(b), Math.round(Number(a) * 255)].map((v) =>
      Math.min(255, Math.max(0, Math.round(v)))
    ) as [number, number, number, number];
  }
  return [0, 0, 0, 0];
}

/** Pixel data as the canvas API has it. */
interface ImageDataLike {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** The slice of CanvasRenderingContext2D that Plot's raster mark and ramp legend call. */
class Context2d {
  fillStyle = "#000";
  constructor(readonly canvas: PngCanvas) {}
  fillRect(x: number, y: number, w: number, h: number): void {
    const [r, g, b, a] = parseColor(this.fillStyle);
    const { width, height, pixels } = this.canvas;
    for (let j = Math.max(0, Math.round(y)); j < Math.min(height, Math.round(y + h)); j++) {
      for (let i = Math.max(0, Math.round(x)); i < Math.min(width, Math.round(x + w)); i++) {
        pixels.set([r, g, b, a], 4 * (j * width + i));
      }
    }
  }
  createImageData(width: number, height: number): ImageDataLike {
    return { width, height, data: new Uint8ClampedArray(width * height * 4) };
  }
  putImageData(image: ImageDataLike, dx: number, dy: number): void {
    const { width, height, pixels } = this.canvas;
    for (let j = 0; j < image.height && j + dy < height; j++) {
      const row = image.data.subarray(4 * j * image.width, 4 * (j + 1) * image.width);
      pixels.set(
        row.subarray(0, 4 * Math.min(image.width, width - dx)),
        4 * ((j + dy) * width + dx),
      );
    }
  }
}

/** A `<canvas>` stand-in: a pixel buffer with a 2-D context and `toDataURL`. */
export class PngCanvas {
  #width = 300;
  #height = 150;
  /** The RGBA pixels. */
  pixels: Uint8ClampedArray = new Uint8ClampedArray(300 * 150 * 4);
  #context = new Context2d(this);

  /** The width in pixels; setting it clears the canvas. */
  get width(): number {
    return this.#width;
  }
  set width(w: number) {
    this.#width = w;
    this.pixels = new Uint8ClampedArray(this.#width * this.#height * 4);
  }
  /** The height in pixels; setting it clears the canvas. */
  get height(): number {
    return this.#height;
  }
  set height(h: number) {
    this.#height = h;
    this.pixels = new Uint8ClampedArray(this.#width * this.#height * 4);
  }
  /** The 2-D context (the only kind there is). */
  getContext(type: string): Context2d | null {
    return type === "2d" ? this.#context : null;
  }
  /** The pixels as a PNG data URL. */
  toDataURL(): string {
    return pngDataUrl(this.#width, this.#height, this.pixels);
  }
}

let shared: DomDocument | undefined;

/**
 * The document every figure renders into (made on first use, so importing needs nothing).
 *
 * @example
 * ```ts
 * import { plotDocument } from "./_dom.ts";
 * import assert from "node:assert/strict";
 * const canvas = plotDocument().createElement("canvas") as unknown as { toDataURL(): string };
 * assert.match(canvas.toDataURL(), /^data:image\/png/);
 * ```
 */
export function plotDocument(): DomDocument {
  if (!shared) {
    const { document } = parseHTML(
      "<!DOCTYPE html><html><head></head><body></body></html>",
    ) as unknown as { document: DomDocument };
    const create = document.createElement.bind(document);
    document.createElement = (name: string) =>
      name.toLowerCase() === "canvas" ? new PngCanvas() as unknown as DomElement : create(name);
    shared = document;
  }
  return shared;
}
