// Draws Kith's icon (two overlapping circles: two people, one relationship) as PNGs
// at every size the stores ask for, and the Chrome Web Store's 440x280 promo tile,
// with no image library: raw RGBA + zlib.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};

/** PNG (RGBA) of w x h; `paint(u, v)` gives the colour at a point (pixels), or null for transparent. 4x4 supersampling. */
function render(w, h, paint) {
  const raw = Buffer.alloc(h * (w * 4 + 1));
  for (let y = 0; y < h; y++) {
    raw[y * (w * 4 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      let px = [0, 0, 0, 0];
      // 4x4 supersampling for smooth edges at 16 px.
      let acc = [0, 0, 0, 0];
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const c = paint(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4);
          if (c) acc = [acc[0] + c[0], acc[1] + c[1], acc[2] + c[2], acc[3] + 255];
        }
      const n = acc[3] / 255;
      px = n ? [acc[0] / n, acc[1] / n, acc[2] / n, acc[3] / 16] : [0, 0, 0, 0];
      raw.set(px.map(Math.round), y * (w * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const DARK = [31, 111, 92];
const LIGHT = [111, 208, 181];

/** The two circles in a box of `size` at (x0, y0): the later one drawn over the first. */
function logo(u, v, x0, y0, size) {
  const circles = [
    { x: 0.38, y: 0.5, r: 0.3, color: DARK },
    { x: 0.62, y: 0.5, r: 0.3, color: LIGHT },
  ];
  const uu = (u - x0) / size;
  const vv = (v - y0) / size;
  let c = null;
  for (const ci of circles) if ((uu - ci.x) ** 2 + (vv - ci.y) ** 2 <= ci.r ** 2) c = ci.color;
  return c;
}

function png(size) {
  return render(size, size, (u, v) => logo(u, v, 0, 0, size));
}

// A 5x7 pixel font for the word on the promo tile: no font files, no dependencies.
const GLYPHS = {
  K: ['10001', '10010', '10100', '11000', '10100', '10010', '10001'],
  I: ['11111', '00100', '00100', '00100', '00100', '00100', '11111'],
  T: ['11111', '00100', '00100', '00100', '00100', '00100', '00100'],
  H: ['10001', '10001', '10001', '11111', '10001', '10001', '10001'],
};

/** Text in the 5x7 font, `cell` pixels per dot, top-left at (x0, y0); true where ink is. */
function ink(text, u, v, x0, y0, cell) {
  const col = Math.floor((u - x0) / cell);
  const row = Math.floor((v - y0) / cell);
  if (row < 0 || row >= 7 || col < 0) return false;
  const i = Math.floor(col / 6);
  const g = GLYPHS[text[i]];
  return !!g && col % 6 < 5 && g[row][col % 6] === '1';
}

/** The Chrome Web Store's small promo tile, 440x280: the icon and the name on a pale ground. */
function promoTile() {
  const [w, h] = [440, 280];
  const bg = [240, 248, 245];
  return render(w, h, (u, v) => {
    const l = logo(u, v, 40, 60, 160);
    if (l) return l;
    if (ink('KITH', u, v, 220, 112, 8)) return DARK;
    // A thin line under the name, in the lighter green.
    if (u >= 220 && u < 404 && v >= 184 && v < 190) return LIGHT;
    return bg;
  });
}

mkdirSync('public/icon', { recursive: true });
for (const s of [16, 32, 48, 96, 128]) writeFileSync(`public/icon/${s}.png`, png(s));
mkdirSync('store', { recursive: true });
writeFileSync('store/promo-440x280.png', promoTile());
console.log('icons and store/promo-440x280.png written');
