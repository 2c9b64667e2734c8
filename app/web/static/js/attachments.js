// Attachments lose their metadata in the browser, before they are sealed: a photo's EXIF can hold
// the GPS position, the time and the phone's make and serial; a PDF names its author, the program
// and the dates, and can hide earlier versions, attached files and text under the visible page.
// So nothing of the original file travels: images are decoded and drawn again, and a PDF becomes
// pictures of its pages (as Dangerzone does), drawn on this device by the vendored PDF.js.

const REENCODE = { "image/jpeg": "image/jpeg", "image/png": "image/png", "image/webp": "image/png" };
const PDF = "application/pdf";
// Large enough to read a screenshot or a letter; a phone photo is scaled down, which also keeps
// several attachments inside one request.
export const MAX_SIDE = 2048;
export const MAX_PDF_PAGES = 10;
export const MAX_ITEMS = 10;
// What the cleaned attachments may weigh together; the sealed report (base64 twice) stays
// under the service's 16 MiB request limit.
export const MAX_TOTAL_BYTES = 6 * 1024 * 1024;
export const ACCEPTED = [...Object.keys(REENCODE), PDF];

export class UnsupportedAttachment extends Error {
  constructor(type) {
    super(`attachments of type ${type || "unknown"} cannot be cleaned`);
    this.name = "UnsupportedAttachment";
  }
}

export class UnreadableAttachment extends Error {
  constructor() {
    super("the file could not be opened");
    this.name = "UnreadableAttachment";
  }
}

function scaled(width, height, maxSide) {
  const factor = Math.min(1, maxSide / Math.max(width, height));
  return [Math.max(1, Math.round(width * factor)), Math.max(1, Math.round(height * factor))];
}

// A new Blob with the same picture and nothing else; UnsupportedAttachment for other types.
export async function stripMetadata(file, { maxSide = MAX_SIDE } = {}) {
  const target = REENCODE[file.type];
  if (!target) throw new UnsupportedAttachment(file.type);
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    throw new UnreadableAttachment();
  }
  const [width, height] = scaled(bitmap.width, bitmap.height, maxSide);
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext("2d").drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return canvas.convertToBlob({ type: target, quality: 0.9 });
}

let pdfjs = null;

async function loadPdfJs() {
  // Loaded only when someone adds a PDF: most reporters never fetch its 1.7 MB.
  if (!pdfjs) {
    pdfjs = await import("/static/vendor/pdfjs/pdf.min.mjs");
    pdfjs.GlobalWorkerOptions.workerSrc = "/static/vendor/pdfjs/pdf.worker.min.mjs";
  }
  return pdfjs;
}

// Each page of a PDF as a JPEG picture, at most MAX_PDF_PAGES of them.
export async function pdfToImages(file, { maxSide = MAX_SIDE, maxPages = MAX_PDF_PAGES } = {}) {
  const lib = await loadPdfJs();
  const loading = lib.getDocument({
    data: new Uint8Array(await file.arrayBuffer()),
    // The page CSP allows no eval; PDF.js then interprets fonts instead of compiling them.
    isEvalSupported: false,
    enableXfa: false,
    // Glyphs are drawn as paths by PDF.js itself, so no font is installed in the page, and
    // fonts a PDF names without embedding come from the vendored set, not the system.
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: "/static/vendor/pdfjs/standard_fonts/",
    disableAutoFetch: true,
    stopAtErrors: false,
  });
  let documentProxy;
  try {
    documentProxy = await loading.promise;
  } catch {
    await loading.destroy();
    throw new UnreadableAttachment();
  }
  try {
    const pages = [];
    for (let number = 1; number <= Math.min(documentProxy.numPages, maxPages); number++) {
      const page = await documentProxy.getPage(number);
      const unscaled = page.getViewport({ scale: 1 });
      const scale = Math.min(maxSide / Math.max(unscaled.width, unscaled.height), 3);
      const viewport = page.getViewport({ scale });
      const canvas = document.createElement("canvas");
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      const context = canvas.getContext("2d");
      // Paper is white; without this a transparent page turns black as a JPEG.
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      // Annotations and form fields are left out: they can carry names and hidden content.
      await page.render({ canvas, canvasContext: context, viewport, annotationMode: lib.AnnotationMode.DISABLE })
        .promise;
      page.cleanup();
      pages.push(await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85)));
      canvas.width = 0;
    }
    return { pages, skipped: Math.max(0, documentProxy.numPages - maxPages) };
  } finally {
    await loading.destroy();
  }
}

// Some phones hand over a PDF with no type; its first bytes tell.
async function isPdf(file) {
  if (file.type === PDF) return true;
  if (file.type) return false;
  const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
  return String.fromCharCode(...head) === "%PDF-";
}

// What a chosen file becomes: one or more clean pictures, each { type, blob }.
export async function clean(file) {
  if (await isPdf(file)) {
    const { pages, skipped } = await pdfToImages(file);
    return { items: pages.map((blob) => ({ type: blob.type, blob })), skipped };
  }
  const blob = await stripMetadata(file);
  return { items: [{ type: blob.type, blob }], skipped: 0 };
}
