import { HttpError, HttpErrorCode } from './http-error.js';
import type { JsonObject } from './json-values.js';
import { describe, isPlainObject } from './json-values.js';

const notJson = (message: string) => new HttpError(400, HttpErrorCode.BODY_INVALID, message);

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    HttpErrorCode.BODY_TOO_LARGE,
    `the request body is larger than ${maxBytes} bytes`,
  );
}

async function readBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The body as a JSON object, whatever the Content-Type (browsers send `text/plain`, protocol.md
 * §2.2). Reads at most `maxBytes` (413 beyond); anything but a JSON object is a 400.
 */
export async function readJsonObject(request: Request, maxBytes: number): Promise<JsonObject> {
  const bytes = await readBytes(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw notJson('the request body is not UTF-8 text');
  }
  if (text.trim() === '') throw notJson('the request body is empty: send a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw notJson(`the request body is not JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(value))
    throw notJson(`the request body must be a JSON object, got ${describe(value)}`);
  return value;
}
