namespace Assessa.Server.Platform.OpenApi;

/// <summary>The conventions every endpoint follows, shown at the top of /docs.</summary>
public static class ApiConventions
{
    public const string Markdown = """
        Assessa's HTTP API. Every capability is described below; docs/api.md in the repository has curl examples.

        **JSON.** Property names are `snake_case`. Timestamps are UTC ISO 8601 with `Z`. Ids are UUIDv7 unless a
        documented contract says otherwise.

        **Errors.** Every error is RFC 9457 `application/problem+json` with `type`, `title`, `status`, `detail`,
        `code` (stable, machine-readable), `trace_id` (quote it when reporting a problem), `error` (the same text as
        `detail`) and, for validation failures, `errors` (field → messages). Malformed JSON answers 400 with
        `json_path`, `line` and `byte_position`. A bad request never causes a partial write.

        **Lists.** Plain JSON arrays with `page` and `per_page` (default 50, max 500); the total is in `X-Total-Count`
        and neighbouring pages in an RFC 8288 `Link` header.

        **Idempotency.** Create and submit endpoints accept `Idempotency-Key: "<up to 255 characters>"` (a quoted
        string or a bare token). Keys are scoped to the caller (tenant plus user or API key), the method and the
        path, and kept for 24 hours (`Idempotency__ExpiryHours`). The first request runs and its final response is
        stored; repeating it with the same body returns that response again with `Idempotent-Replayed: true`; the
        same key while the first request still runs answers 409 (`idempotency_key_in_flight`, with `Retry-After`);
        the same key with a different body answers 422 (`idempotency_key_reused`). Server errors (5xx) are not
        stored, so a retry after one runs again. Records live in the database, so this holds across server nodes.
        """;
}
