// Pixel counts of a screenshot, decoded in a browser page (the browser test and the first-frame bench).
// The page must be a blank one: the viewer's Content-Security-Policy forbids fetching data: URLs.
import type { Page } from "playwright-core";

export interface PixelCounts {
  /** The image's size, as the browser decoded it. */
  width: number;
  height: number;
  /** Pixels that are not (near) white. */
  ink: number;
  /** Distinct colours among them, at 4 bits per channel. */
  colours: number;
  /** Pixels of a clear colour (not grey, not light): the graph's nodes, not the page's chrome. */
  coloured: number;
}

export async function pixelCounts(blank: Page, png: Buffer): Promise<PixelCounts> {
  return blank.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(bitmap, 0, 0);
    const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let ink = 0;
    let coloured = 0;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) {
        ink++;
        colours.add(((d[i] >> 4) << 8) | ((d[i + 1] >> 4) << 4) | (d[i + 2] >> 4));
      }
      if (d[i] < 200 && Math.abs(d[i] - d[i + 1]) + Math.abs(d[i + 1] - d[i + 2]) > 30) coloured++;
    }
    return { width: bitmap.width, height: bitmap.height, ink, colours: colours.size, coloured };
  }, png.toString("base64"));
}
