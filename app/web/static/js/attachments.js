// Attachments lose their metadata in the browser, before they are sealed: a photo's EXIF can hold
// the GPS position, the time and the phone's make and serial. Images are decoded and drawn again,
// so only pixels survive (orientation is applied first, so the picture still looks the same).

const REENCODE = { "image/jpeg": "image/jpeg", "image/png": "image/png", "image/webp": "image/png" };

export class UnsupportedAttachment extends Error {
  constructor(type) {
    super(`attachments of type ${type || "unknown"} cannot be cleaned`);
    this.name = "UnsupportedAttachment";
  }
}

// A new Blob with the same picture and nothing else; UnsupportedAttachment for other types.
export async function stripMetadata(file) {
  const target = REENCODE[file.type];
  if (!target) throw new UnsupportedAttachment(file.type);
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext("2d").drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.convertToBlob({ type: target, quality: 0.9 });
}
