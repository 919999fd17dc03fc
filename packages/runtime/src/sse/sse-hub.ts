/**
 * The server-sent event streams of QA devices (protocol.md §7, §16.9): one hub per server holds
 * every open stream by persistent key, enforces the limits, sends the heartbeat and the flush
 * events, and closes everything at shutdown.
 */

/** The SSE settings; all optional. */
export interface SseOptions {
  /** Heartbeat comment (`: ping`) interval. @default 15000 */
  readonly pingMs?: number;
  /** Streams one persistent key may hold open. @default 4 */
  readonly maxPerKey?: number;
  /** Streams open in total. @default 1000 */
  readonly maxTotal?: number;
  /** The client's reconnection delay (`retry:`). @default 5000 */
  readonly retryMs?: number;
}

/** Why a stream was refused. */
export type SseRefusal = 'per-key' | 'total';

interface Stream {
  readonly key: string;
  readonly controller: ReadableStreamDefaultController<Uint8Array>;
  closed: boolean;
}

const encoder = new TextEncoder();

/** One SSE event, as the clients parse it (`event: <name>` then `data: <text>`). */
export function sseEvent(name: string, data: string): string {
  return `event: ${name}\ndata: ${data}\n\n`;
}

export class SseHub {
  readonly pingMs: number;
  readonly maxPerKey: number;
  readonly maxTotal: number;
  readonly retryMs: number;
  readonly #byKey = new Map<string, Set<Stream>>();
  #total = 0;
  #ping: ReturnType<typeof setInterval> | undefined;
  #closed = false;

  constructor(options: SseOptions = {}) {
    this.pingMs = options.pingMs ?? 15_000;
    this.maxPerKey = options.maxPerKey ?? 4;
    this.maxTotal = options.maxTotal ?? 1000;
    this.retryMs = options.retryMs ?? 5000;
  }

  /** Open streams in total, or of one persistent key. */
  count(key?: string): number {
    return key === undefined ? this.#total : (this.#byKey.get(key)?.size ?? 0);
  }

  /** Whether a new stream for this key would be refused, and why. */
  refusal(key: string): SseRefusal | undefined {
    if (this.#closed || this.#total >= this.maxTotal) return 'total';
    if (this.count(key) >= this.maxPerKey) return 'per-key';
    return undefined;
  }

  /**
   * Opens a stream for `key` starting with `retry:` and `hello` (data: `helloTime`). Check
   * `refusal` first; `signal` (the request's) ends the stream when the client goes away.
   */
  open(key: string, helloTime: number, signal?: AbortSignal): ReadableStream<Uint8Array> {
    let stream: Stream | undefined;
    const remove = () => {
      if (stream) this.#drop(stream);
    };
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        stream = { key, controller, closed: false };
        let set = this.#byKey.get(key);
        if (!set) this.#byKey.set(key, (set = new Set()));
        set.add(stream);
        this.#total++;
        this.#startPing();
        controller.enqueue(
          encoder.encode(`retry: ${this.retryMs}\n\n${sseEvent('hello', String(helloTime))}`),
        );
        signal?.addEventListener('abort', () => {
          const s = stream;
          remove();
          if (s) safeClose(s.controller);
        });
      },
      cancel: remove,
    });
  }

  /** Sends an event to every stream of `key`; returns how many got it. */
  send(key: string, name: string, data: string): number {
    const set = this.#byKey.get(key);
    if (!set) return 0;
    const bytes = encoder.encode(sseEvent(name, data));
    let sent = 0;
    for (const stream of set) if (this.#write(stream, bytes)) sent++;
    return sent;
  }

  /** `flushfeatures` with the space-separated feature names. */
  flushFeatures(key: string, features: readonly string[]): number {
    return this.send(key, 'flushfeatures', features.join(' '));
  }

  /** `flushcache` with the new flush time. */
  flushCache(key: string, time: number): number {
    return this.send(key, 'flushcache', String(time));
  }

  /** Ends every stream and refuses new ones (shutdown). */
  closeAll(): void {
    this.#closed = true;
    this.#stopPing();
    for (const set of [...this.#byKey.values()])
      for (const stream of [...set]) {
        safeClose(stream.controller);
        this.#drop(stream);
      }
  }

  #write(stream: Stream, bytes: Uint8Array): boolean {
    try {
      stream.controller.enqueue(bytes);
      return true;
    } catch {
      this.#drop(stream); // the client went away between two writes
      return false;
    }
  }

  #drop(stream: Stream): void {
    if (stream.closed) return;
    stream.closed = true;
    const set = this.#byKey.get(stream.key);
    set?.delete(stream);
    if (set?.size === 0) this.#byKey.delete(stream.key);
    this.#total--;
    if (this.#total === 0) this.#stopPing();
  }

  #startPing(): void {
    if (this.#ping) return;
    const ping = encoder.encode(': ping\n\n');
    this.#ping = setInterval(() => {
      for (const set of [...this.#byKey.values()])
        for (const stream of [...set]) this.#write(stream, ping);
    }, this.pingMs);
    this.#ping.unref();
  }

  #stopPing(): void {
    if (this.#ping) clearInterval(this.#ping);
    this.#ping = undefined;
  }
}

function safeClose(controller: ReadableStreamDefaultController<Uint8Array>): void {
  try {
    controller.close();
  } catch {
    // already closed or errored
  }
}
