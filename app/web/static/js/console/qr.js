// QR codes for the staff console (the TOTP otpauth:// URI at enrolment), drawn as SVG with DOM
// calls: the vendored qrcode-generator's own helpers build HTML strings (and inline styles), which
// the console's CSP and its rule of no innerHTML both refuse.

import qrcode from "../../vendor/qrcode-generator/qrcode.mjs";

const SVG = "http://www.w3.org/2000/svg";
// ISO/IEC 18004 asks for 4 light modules around the symbol; scanners miss codes without them.
const QUIET_ZONE = 4;
// Only the default size: a stylesheet may set the svg's width and height.
const PIXELS_PER_MODULE = 6;

// qrcode-generator's byte mode keeps the low 8 bits of each UTF-16 unit, which garbles anything
// beyond Latin-1 (an adviser's name in the URI's label). So it gets the UTF-8 bytes, one per char.
function utf8AsBinaryString(text) {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return binary;
}

/**
 * An <svg> with the QR code of `text`: error correction level M (readable with 15% of it
 * damaged or glared), the smallest version that holds the text.
 *
 * @param {string} text
 * @param {string} label what a screen reader says instead of the picture
 * @returns {SVGSVGElement}
 */
export function qrElement(text, label) {
  const code = qrcode(0, "M");
  code.addData(utf8AsBinaryString(text), "Byte");
  code.make();
  const count = code.getModuleCount();
  const side = count + 2 * QUIET_ZONE;

  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${side} ${side}`);
  svg.setAttribute("width", String(side * PIXELS_PER_MODULE));
  svg.setAttribute("height", String(side * PIXELS_PER_MODULE));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  // Whole modules on whole pixels where possible: blurred edges make scanning harder.
  svg.setAttribute("shape-rendering", "crispEdges");

  // A light background of its own, so that the code also scans on a dark page or theme.
  const background = document.createElementNS(SVG, "rect");
  background.setAttribute("width", String(side));
  background.setAttribute("height", String(side));
  background.setAttribute("fill", "#fff");
  svg.append(background);

  // One path for all dark modules, a rectangle per horizontal run, instead of an element each.
  let d = "";
  for (let row = 0; row < count; row += 1) {
    let col = 0;
    while (col < count) {
      if (!code.isDark(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < count && code.isDark(row, col)) col += 1;
      d += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`;
    }
  }
  const modules = document.createElementNS(SVG, "path");
  modules.setAttribute("d", d);
  modules.setAttribute("fill", "#000");
  svg.append(modules);
  return svg;
}
