/**
 * Portfolio imports over HTTP. The upload is the raw file as the request body (`text/csv` or
 * `application/x-ndjson`), streamed to a temporary file while its size is checked — never held in
 * memory — then hashed for idempotency and imported in the background; the client polls the import.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger } from 'fastify';
import { Type } from 'typebox';
import { importPortfolio, openImport, type ImportPortfolioDeps } from '../../../application/intake/import-portfolio.ts';
import { getImport, getImportReport, importCreditorFor } from '../../../application/intake/read-imports.ts';
import { AppError } from '../../../application/errors.ts';
import type { ImportRecord } from '../../../application/ports/intake.ts';
import { formatOf, openFileSource, scanFile } from '../../intake/file-source.ts';
import { errorText, rejectsFile, rejectsFileName } from '../../intake/rejects-file.ts';
import { requestActor } from '../request-actor.ts';
import { allRoles } from '../auth-rule.ts';
import { problemResponse, problemResponses } from '../problem.ts';
import type { AppInstanceBase } from './route-types.ts';

export interface ImportHttpDeps extends ImportPortfolioDeps {
  /** Largest accepted upload, in bytes. */
  readonly maxUploadBytes: number;
  /** Where uploads are spooled (default: the system temporary directory). */
  readonly uploadDir?: string;
  readonly log?: FastifyBaseLogger;
}

const uploadTypes = ['text/csv', 'application/x-ndjson', 'application/jsonl'];

const CountsSchema = Type.Object({
  rowsSeen: Type.Integer(), created: Type.Integer({ description: 'Accepted rows that opened a new case.' }),
  updated: Type.Integer(), unchanged: Type.Integer(), refused: Type.Integer(),
  prescribed: Type.Integer({ description: 'Cases stored closed as time-barred (closed_prescribed).' }),
  flagged: Type.Integer({ description: 'Rows flagged in the report (limitation within 60 days, probable homonym).' }),
});

const ImportSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  creditorId: Type.String({ format: 'uuid' }),
  idempotencyKey: Type.String(),
  fileName: Type.String(),
  format: Type.Union([Type.Literal('csv'), Type.Literal('jsonl')]),
  sizeBytes: Type.Integer(),
  contentSha256: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')]),
  asOf: Type.String({ format: 'date', description: 'The date every check of this import is made against.' }),
  checkpointLine: Type.Integer({ description: 'Last physical line whose record is committed.' }),
  counts: CountsSchema,
  failure: Type.Union([Type.Null(), Type.Object({
    code: Type.String(), message: Type.Object({ en: Type.String(), fr: Type.String() }), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  })]),
  ignoredColumns: Type.Array(Type.String()),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const RowErrorSchema = Type.Object({ column: Type.String(), value: Type.String(), code: Type.String(), en: Type.String(), fr: Type.String() });

const ReportSchema = Type.Object({
  import: ImportSchema,
  rejects: Type.Array(Type.Object({ line: Type.Integer(), creditorReference: Type.Union([Type.String(), Type.Null()]), errors: Type.Array(RowErrorSchema), error: Type.String() })),
  rejectsTotal: Type.Integer(),
  items: Type.Array(Type.Object({
    line: Type.Integer(), kind: Type.String(), creditorReference: Type.String(),
    caseId: Type.Union([Type.String(), Type.Null()]), debtorId: Type.Union([Type.String(), Type.Null()]), detail: Type.Record(Type.String(), Type.Unknown()),
  })),
  itemsTotal: Type.Integer(),
});

const IdParams = Type.Object({ importId: Type.String({ format: 'uuid' }) });
const security: Record<string, string[]>[] = [{ session: [] }, { apiKey: [] }];
const readRule = { roles: allRoles, apiKeyScopes: ['imports:read', 'imports:write'] };

function toJson(record: ImportRecord) {
  return {
    id: record.id, creditorId: record.creditorId, idempotencyKey: record.idempotencyKey, fileName: record.fileName, format: record.format,
    sizeBytes: record.sizeBytes, contentSha256: record.contentSha256, status: record.status, asOf: record.asOf, checkpointLine: record.checkpointLine,
    counts: record.counts, failure: record.failure ? { ...record.failure, ...(record.failure.details ? { details: { ...record.failure.details } } : {}) } : null,
    ignoredColumns: [...record.ignoredColumns], startedAt: record.startedAt.toISOString(), finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}

/** A full disk or an exhausted quota while writing. */
const noSpaceCodes = new Set(['ENOSPC', 'EDQUOT']);

/**
 * Writes the body to `file`, refusing it past `maxBytes` without reading further. A full disk is a
 * clear `insufficient_storage` (507), not an internal error: the rest of the body is read and dropped
 * (bounded by `maxBytes`) so that the client gets the answer rather than a reset connection; the caller
 * removes the partial file.
 */
async function spool(body: Readable, file: string, maxBytes: number): Promise<void> {
  let size = 0;
  let failure: unknown = null;
  const out = await fs.promises.open(file, 'wx', 0o600);
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new AppError('payload_too_large', `The upload exceeds ${Math.round(maxBytes / 1024 / 1024)} MiB`);
      if (failure) continue;
      try {
        for (let offset = 0; offset < chunk.length;) offset += (await out.write(chunk, offset, chunk.length - offset)).bytesWritten;
      } catch (error) {
        failure = error;
      }
    }
    if (!failure) await out.sync().catch((error: unknown) => { failure = error; });
  } finally {
    await out.close().catch((error: unknown) => { failure ??= error; });
  }
  if (failure) {
    const code = (failure as NodeJS.ErrnoException).code;
    if (code && noSpaceCodes.has(code)) throw new AppError('insufficient_storage', 'The server\'s disk is full: the upload was not stored. Try again later.');
    throw failure;
  }
}

export function registerImportRoutes(app: AppInstanceBase, deps: ImportHttpDeps): void {
  /** Imports running in the background; the server waits for them when it closes. */
  const running = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });

  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    // The body stays a stream: it is spooled to disk by the handler, not buffered by a parser.
    scope.addContentTypeParser(uploadTypes, (_request, payload, done) => done(null, payload));

    scope.post('/api/v1/imports', {
      config: { auth: { roles: ['admin', 'manager', 'agent'], apiKeyScopes: ['imports:write'] } },
      schema: {
        tags: ['imports'],
        summary: 'Upload a portfolio file (CSV or JSON Lines) and start importing it',
        description: 'The body is the file itself, `Content-Type: text/csv` or `application/x-ndjson`, streamed. '
          + '`Idempotency-Key` is required: the same key with the same content returns the same import (resumed if unfinished); '
          + 'the same key with other content is a `conflict` (409). Answers 202 while the import runs (poll GET /api/v1/imports/{id}), '
          + '200 when it had already finished. A creditor API key imports only for its own creditor. Format: docs/import-format.md.',
        consumes: uploadTypes,
        security: [{ session: [], csrf: [] }, { apiKey: [] }],
        querystring: Type.Object({
          creditorId: Type.Optional(Type.String({ format: 'uuid', description: 'Required with a session; defaults to the key\'s creditor with an API key.' })),
          fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        }),
        headers: Type.Object({ 'idempotency-key': Type.String({ minLength: 1, maxLength: 200 }) }),
        response: {
          200: ImportSchema, 202: ImportSchema, ...problemResponses,
          409: problemResponse('Same key, different content; or the import is running elsewhere (`conflict`)'),
          413: problemResponse('Upload too large (`payload_too_large`)'),
          507: problemResponse('The server\'s disk is full; nothing was stored (`insufficient_storage`)'),
          415: problemResponse('Not text/csv or application/x-ndjson (`unsupported_media_type`)'),
        },
      },
    }, async (request, reply) => {
      const actor = requestActor(request);
      const creditorId = importCreditorFor(actor, request.query.creditorId);
      const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
      if (!uploadTypes.some((type) => contentType.startsWith(type))) {
        throw new AppError('unsupported_media_type', `Send the file as ${uploadTypes.join(' or ')}`);
      }
      const format = formatOf(request.query.fileName ?? '', contentType);
      const fileName = request.query.fileName ?? `upload.${format === 'jsonl' ? 'jsonl' : 'csv'}`;
      const file = path.join(deps.uploadDir ?? os.tmpdir(), `amiable-upload-${randomUUID()}`);
      const cleanup = () => fs.promises.rm(file, { force: true });
      let started = false;
      try {
        await spool(request.body as Readable, file, deps.maxUploadBytes);
        const scan = await scanFile(file);
        const input = {
          creditorId, idempotencyKey: String(request.headers['idempotency-key']), fileName, contentSha256: scan.sha256, sizeBytes: scan.sizeBytes,
          sourceKind: actor.kind === 'api_key' ? 'creditor_api' as const : 'creditor_file' as const, actor, format,
          encodingError: scan.encodingError, openSource: () => openFileSource(file, format),
        };
        const opened = await openImport(deps, input);
        if (opened.finished) return reply.status(200).send(toJson(opened.import));
        const run = importPortfolio(deps, input)
          .catch((error: unknown) => {
            // A rerun racing a running import is expected (the client retried): it is already being processed.
            if (error instanceof AppError && error.code === 'conflict') deps.log?.info({ importId: opened.import.id }, error.message);
            else deps.log?.error({ err: error, importId: opened.import.id }, 'import failed');
          })
          .finally(() => {
            running.delete(run);
            return cleanup();
          });
        running.add(run);
        started = true;
        return reply.status(202).send(toJson(opened.import));
      } finally {
        if (!started) await cleanup();
      }
    });
  });

  app.get('/api/v1/imports/:importId', {
    config: { auth: readRule },
    schema: { tags: ['imports'], summary: 'An import: status, progress and counts', security, params: IdParams, response: { 200: ImportSchema, ...problemResponses } },
  }, async (request) => toJson(await getImport(deps.store, requestActor(request), request.params.importId)));

  app.get('/api/v1/imports/:importId/report', {
    config: { auth: readRule },
    schema: {
      tags: ['imports'], summary: 'The import report: refused rows with their reasons, cases closed as time-barred, flags', security,
      params: IdParams,
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
      response: { 200: ReportSchema, ...problemResponses },
    },
  }, async (request) => {
    const report = await getImportReport(deps.store, requestActor(request), request.params.importId, request.query);
    return {
      import: toJson(report.import),
      rejects: report.rejects.map((r) => ({ line: r.line, creditorReference: r.creditorReference, errors: [...r.errors], error: errorText(r) })),
      rejectsTotal: report.rejectsTotal,
      items: report.items.map((i) => ({ ...i, detail: { ...i.detail } })),
      itemsTotal: report.itemsTotal,
    };
  });

  app.get('/api/v1/imports/:importId/rejects', {
    config: { auth: readRule },
    schema: {
      tags: ['imports'], summary: 'Download the refused rows in the input\'s own format, with an error column', security, params: IdParams,
      description: 'A CSV file (same separator and header as the upload, plus an `error` column; cells a spreadsheet would run as formulas are prefixed with \'), or JSON Lines with an `error` field.',
      produces: ['text/csv', 'application/x-ndjson'],
      response: problemResponses,
    },
  }, async (request, reply) => {
    const record = await getImport(deps.store, requestActor(request), request.params.importId);
    const name = rejectsFileName(record);
    void reply.header('content-type', record.format === 'jsonl' ? 'application/x-ndjson; charset=utf-8' : 'text/csv; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`);
    // The response schema documents errors only, so the file stream is sent as is.
    (reply as unknown as { send(payload: Readable): void }).send(Readable.from(rejectsFile(record, deps.store.rejects(record.creditorId, record.id))));
    return reply;
  });
}
