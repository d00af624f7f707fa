import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test peers: small HTTP servers that speak the real OpenAI `/v1/chat/completions` and Ollama
 * `/api/chat` wire formats (SSE and NDJSON streaming, max tokens, stop strings, error bodies), so the
 * real clients are exercised over real sockets. Used only by tests and the bench.
 */
export interface PeerScript {
  /** Pieces streamed in order; the peer applies max tokens and stop strings like a server would. */
  tokens?: string[];
  tokenDelayMs?: number;
  /** Answer with this HTTP status and body instead of completing. */
  status?: number;
  errorBody?: string;
  /** Wait this long before sending headers (to exercise client timeouts). */
  hangMs?: number;
  /** Send this raw text as a stream line (to exercise malformed bodies). */
  garbageLine?: string;
  /** Close the connection after this many tokens without the end marker. */
  dieAfter?: number;
}

export interface ChatPeer {
  url: string;
  requests: Record<string, unknown>[];
  /** Connections the client closed before the answer was complete (cancellation reached the server). */
  clientAborts: number;
  close(): Promise<void>;
}

type Api = 'openai' | 'ollama';

/** Starts a conforming OpenAI-compatible server on 127.0.0.1 and a free port; url ends with /v1. */
export function startOpenAiPeer(script: (body: Record<string, unknown>) => PeerScript): Promise<ChatPeer> {
  return startPeer('openai', script);
}

/** Starts a conforming Ollama API server on 127.0.0.1 and a free port. */
export function startOllamaPeer(script: (body: Record<string, unknown>) => PeerScript): Promise<ChatPeer> {
  return startPeer('ollama', script);
}

async function startPeer(api: Api, script: (body: Record<string, unknown>) => PeerScript): Promise<ChatPeer> {
  const peer: ChatPeer = { url: '', requests: [], clientAborts: 0, close: async () => {} };
  const path = api === 'openai' ? '/v1/chat/completions' : '/api/chat';
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      void handle(api, req, res, raw, path, peer, script);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  peer.url = api === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`;
  peer.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return peer;
}

async function handle(
  api: Api,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  raw: string,
  path: string,
  peer: ChatPeer,
  script: (body: Record<string, unknown>) => PeerScript,
): Promise<void> {
  if (req.method !== 'POST' || req.url !== path)
    return sendError(api, res, 404, `no route ${req.method} ${req.url}`);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return sendError(api, res, 400, 'invalid JSON body');
  }
  if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) {
    return sendError(api, res, 400, 'model and messages are required');
  }
  peer.requests.push(body);
  const s = script(body);
  let closed = false;
  res.on('close', () => {
    if (!res.writableFinished) {
      closed = true;
      peer.clientAborts += 1;
    }
  });
  if (s.hangMs) await sleep(s.hangMs);
  if (closed) return;
  if (s.status) {
    res.writeHead(s.status, { 'content-type': 'application/json' });
    res.end(
      s.errorBody ??
        JSON.stringify(
          api === 'openai' ? { error: { message: 'scripted failure' } } : { error: 'scripted failure' },
        ),
    );
    return;
  }
  const { pieces, reason } = applyLimits(s.tokens ?? [], body, api);
  // Ollama streams unless told `stream:false`; OpenAI streams only when told `stream:true`.
  const streaming = api === 'openai' ? body.stream === true : body.stream !== false;
  const model = body.model as string;
  if (!streaming) {
    const text = pieces.join('');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        api === 'openai'
          ? {
              id: 'chatcmpl-peer',
              object: 'chat.completion',
              model,
              choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: reason }],
              usage: { prompt_tokens: 7, completion_tokens: pieces.length, total_tokens: 7 + pieces.length },
            }
          : {
              model,
              created_at: new Date().toISOString(),
              message: { role: 'assistant', content: text },
              done: true,
              done_reason: reason,
              prompt_eval_count: 7,
              eval_count: pieces.length,
              eval_duration: 1_000_000,
            },
      ),
    );
    return;
  }
  res.writeHead(200, { 'content-type': api === 'openai' ? 'text/event-stream' : 'application/x-ndjson' });
  if (api === 'openai') res.write(': keep-alive\n\n');
  for (let i = 0; i < pieces.length; i++) {
    if (closed) return;
    if (s.dieAfter !== undefined && i >= s.dieAfter) {
      res.destroy();
      return;
    }
    if (s.garbageLine !== undefined && i === 1)
      res.write(`${api === 'openai' ? 'data: ' : ''}${s.garbageLine}\n\n`);
    const piece = pieces[i] as string;
    res.write(
      api === 'openai'
        ? `data: ${JSON.stringify({ id: 'chatcmpl-peer', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`
        : `${JSON.stringify({ model, created_at: new Date().toISOString(), message: { role: 'assistant', content: piece }, done: false })}\n`,
    );
    if (s.tokenDelayMs) await sleep(s.tokenDelayMs);
  }
  if (closed) return;
  if (api === 'openai') {
    res.write(
      `data: ${JSON.stringify({ id: 'chatcmpl-peer', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta: {}, finish_reason: reason }] })}\n\n`,
    );
    res.end('data: [DONE]\n\n');
  } else {
    res.end(
      `${JSON.stringify({ model, created_at: new Date().toISOString(), message: { role: 'assistant', content: '' }, done: true, done_reason: reason, prompt_eval_count: 7, eval_count: pieces.length, eval_duration: 1_000_000 })}\n`,
    );
  }
}

function applyLimits(
  tokens: string[],
  body: Record<string, unknown>,
  api: Api,
): { pieces: string[]; reason: 'stop' | 'length' } {
  const options = (body.options ?? {}) as Record<string, unknown>;
  const max = api === 'openai' ? body.max_tokens : options.num_predict;
  const stopRaw = api === 'openai' ? body.stop : options.stop;
  const stops = typeof stopRaw === 'string' ? [stopRaw] : Array.isArray(stopRaw) ? (stopRaw as string[]) : [];
  const out: string[] = [];
  let text = '';
  for (const t of tokens) {
    if (typeof max === 'number' && out.length >= max) return { pieces: out, reason: 'length' };
    const next = text + t;
    const hit = stops.map((s) => next.indexOf(s)).filter((i) => i >= 0);
    if (hit.length > 0) {
      const cut = Math.min(...hit) - text.length;
      if (cut > 0) out.push(t.slice(0, cut));
      return { pieces: out, reason: 'stop' };
    }
    out.push(t);
    text = next;
  }
  return { pieces: out, reason: 'stop' };
}

function sendError(api: Api, res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify(
      api === 'openai' ? { error: { message, type: 'invalid_request_error' } } : { error: message },
    ),
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
