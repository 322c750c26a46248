using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Assessa.Server.Modules.Field.Domain;
using Sylvan.Data.Csv;

namespace Assessa.Server.Modules.Field.Features.Import;

/// <summary>A file the import cannot read at all (no usable header): retrying cannot help.</summary>
public sealed class FieldImportFormatException(string message) : Exception(message);

/// <summary>Called after each committed batch (tests use it to stop an import half-way).</summary>
public interface IFieldImportObserver
{
    Task CommittedAsync(Guid importId, ImportCounts counts, CancellationToken ct);
}

/// <summary>
/// Streams the spooled file with Sylvan, turns lines into rows or row errors, and hands batches of
/// <c>Field__ImportBatchRows</c> to the store. Lines up to the import's checkpoint are read and skipped, so a
/// resumed import writes every line exactly once. Line numbers count the header as line 1.
/// </summary>
public sealed class FieldImportReader(ImportStore store, CsvShape shape, int batchRows, IEnumerable<IFieldImportObserver> observers)
{
    private const int DataMax = 2000;

    private ImportLookups _lookups = null!;
    private Dictionary<string, EntityRef>.AlternateLookup<ReadOnlySpan<char>> _sitesByText;
    private Dictionary<string, EntityRef>.AlternateLookup<ReadOnlySpan<char>> _enumeratorsByText;

    public async Task<ImportCounts> RunAsync(Guid importId, string path, ImportCounts start, Func<int, long, CancellationToken, Task> progress, CancellationToken ct)
    {
        _lookups = await store.LoadAsync(ct);
        _sitesByText = new Dictionary<string, EntityRef>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _enumeratorsByText = new Dictionary<string, EntityRef>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        using var text = new StreamReader(file, shape.Encoding, detectEncodingFromByteOrderMarks: false, 1 << 16);
        var options = new CsvDataReaderOptions { Delimiter = shape.Delimiter, HasHeaders = true, BufferSize = 1 << 16, MaxBufferSize = 1 << 22 };
        CsvDataReader csv;
        try
        {
            csv = await CsvDataReader.CreateAsync(text, options, ct);
        }
        catch (Exception ex) when (ex is CsvFormatException or CsvMissingHeadersException or CsvRecordTooLargeException)
        {
            throw new FieldImportFormatException($"The header line cannot be read as CSV: {ex.Message}");
        }

        await using var disposeCsv = csv;
        var (positions, missing) = FieldCsv.MapHeader(Enumerable.Range(0, csv.FieldCount).Select(csv.GetName));
        if (missing.Count > 0)
        {
            throw new FieldImportFormatException($"The header lacks the columns: {string.Join(", ", missing)}.");
        }

        var columns = FieldCsv.Columns.Select(c => positions[c]).ToArray();

        // Parsing the next batch overlaps the database's work on this one (ADR 0021): one batch is filled while
        // one waits and one is written; they still commit one at a time, in file order, each with its checkpoint.
        // Written batches go back to the parser for reuse, so their large arrays are not allocated again.
        var batches = Channel.CreateBounded<ImportBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var written = Channel.CreateUnbounded<ImportBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var parsing = Task.Run(() => ParseAsync(csv, columns, file, start.LinesDone, batches.Writer, written.Reader, stop.Token), CancellationToken.None);
        var counts = start;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                counts = await CommitAsync(importId, batch, counts, ct);
                if (!batch.Final)
                {
                    await progress(batch.Percent, counts.LinesDone, ct);
                }

                batch.Clear();
                written.Writer.TryWrite(batch);
            }
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAny(parsing);
            throw;
        }

        await parsing;
        return counts;
    }

    /// <summary>Reads the file into batches of <c>batchRows</c>; the last one (<see cref="ImportBatch.Final"/>) also moves the checkpoint past trailing blank lines.</summary>
    private async Task ParseAsync(CsvDataReader csv, int[] columns, FileStream file, long linesDone, ChannelWriter<ImportBatch> batches, ChannelReader<ImportBatch> written, CancellationToken ct)
    {
        try
        {
            var batch = new ImportBatch();
            var sent = linesDone;
            long line = 1;
            while (await NextAsync(csv, line, ct))
            {
                line++;
                if (line <= linesDone || IsBlank(csv))
                {
                    continue;
                }

                Read(csv, columns, line, batch);
                if (batch.Count >= batchRows)
                {
                    batch.LastLine = sent = line;
                    batch.Percent = file.Length == 0 ? 100 : (int)(file.Position * 100 / file.Length);
                    await batches.WriteAsync(batch, ct);
                    batch = written.TryRead(out var reused) ? reused : new ImportBatch();
                }
            }

            if (batch.Count > 0 || sent < line)
            {
                batch.LastLine = line;
                batch.Final = true;
                await batches.WriteAsync(batch, ct);
            }
        }
        finally
        {
            batches.TryComplete();
        }
    }

    // A broken quote or a record over 4 MB is a broken file, not a bad row: the reader cannot find where the next row starts.
    private static async Task<bool> NextAsync(CsvDataReader csv, long line, CancellationToken ct)
    {
        try
        {
            return await csv.ReadAsync(ct);
        }
        catch (Exception ex) when (ex is CsvFormatException or CsvRecordTooLargeException)
        {
            throw new FieldImportFormatException($"Line {line + 1} cannot be read as CSV ({ex.Message}); the import stopped there (lines_done shows what was committed).");
        }
    }

    private async Task<ImportCounts> CommitAsync(Guid importId, ImportBatch batch, ImportCounts counts, CancellationToken ct)
    {
        counts = await store.WriteAsync(batch, counts, ct);
        foreach (var observer in observers)
        {
            await observer.CommittedAsync(importId, counts, ct);
        }

        return counts;
    }

    private static bool IsBlank(CsvDataReader csv)
    {
        for (var i = 0; i < csv.RowFieldCount; i++)
        {
            if (!csv.GetFieldSpan(i).IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }

    private void Read(CsvDataReader csv, int[] columns, long line, ImportBatch batch)
    {
        ReadOnlySpan<char> Field(int column) => columns[column] < csv.RowFieldCount ? csv.GetFieldSpan(columns[column]).Trim() : default;

        var number = Field(0);
        var client = Field(1);
        var angel = Field(2);
        var polo = Field(3);
        List<string>? missing = null;
        foreach (var (value, name) in new[] { (number.IsEmpty, FieldCsv.Number), (client.IsEmpty, FieldCsv.Client), (angel.IsEmpty, FieldCsv.Angel), (polo.IsEmpty, FieldCsv.Polo) })
        {
            if (value)
            {
                (missing ??= []).Add(name);
            }
        }

        if (missing is not null)
        {
            batch.Errors.Add(Error(csv, line, $"Missing required fields: {string.Join(", ", missing)}"));
            return;
        }

        if (!FieldCsv.TryParseId(number, out var sessionNumber))
        {
            batch.Errors.Add(Error(csv, line, $"Invalid {FieldCsv.Number} '{Clip(number)}': expected a positive whole number"));
            return;
        }

        if (!FieldCsv.TryParseId(client, out var clientId))
        {
            batch.Errors.Add(Error(csv, line, $"Invalid {FieldCsv.Client} '{Clip(client)}': expected a positive whole number"));
            return;
        }

        if (!FieldCsv.TryParseDeadline(Field(4), out var deadline))
        {
            batch.Errors.Add(Error(csv, line, $"Invalid {FieldCsv.Deadline} '{Clip(Field(4))}': expected dd/MM/yyyy"));
            return;
        }

        if (!FieldCsv.TryParseVisit(Field(5), out var visitDate, out var visitTime))
        {
            batch.Errors.Add(Error(csv, line, $"Invalid {FieldCsv.Visit} '{Clip(Field(5))}': expected dd/MM/yy, dd/MM/yyyy or yyyy-MM-dd HH:mm:ss"));
            return;
        }

        if (angel.Length > FieldNames.NameMax || polo.Length > FieldNames.NameMax)
        {
            batch.Errors.Add(Error(csv, line, $"{(angel.Length > FieldNames.NameMax ? FieldCsv.Angel : FieldCsv.Polo)} is longer than {FieldNames.NameMax} characters"));
            return;
        }

        var site = Site(polo, batch);
        var enumerator = Enumerator(angel, batch);
        if (!_lookups.Clients.TryGetValue(clientId, out var candidate))
        {
            candidate = new EntityRef(Guid.CreateVersion7());
            _lookups.Clients[clientId] = candidate;
            batch.Candidates.Add(new NewCandidate(candidate, clientId.ToString(CultureInfo.InvariantCulture)));
        }

        batch.Rows.Add(new SessionRow(line, Guid.CreateVersion7(), sessionNumber, clientId, candidate, site, enumerator, deadline, visitDate, visitTime));
    }

    private EntityRef Site(ReadOnlySpan<char> text, ImportBatch batch)
    {
        if (_sitesByText.TryGetValue(text, out var known))
        {
            return known;
        }

        var raw = Sanitize(text.ToString());
        var normalized = FieldNames.Normalize(raw);
        if (!_lookups.Sites.TryGetValue(normalized, out var site))
        {
            site = new EntityRef(Guid.CreateVersion7());
            _lookups.Sites[normalized] = site;
            var (state, city) = FieldNames.SplitSite(FieldNames.Clean(raw));
            batch.Sites.Add(new NewSite(site, FieldNames.Clean(raw), normalized, state, city));
        }

        _sitesByText[text] = site;
        return site;
    }

    private EntityRef Enumerator(ReadOnlySpan<char> text, ImportBatch batch)
    {
        if (_enumeratorsByText.TryGetValue(text, out var known))
        {
            return known;
        }

        var raw = Sanitize(text.ToString());
        var normalized = FieldNames.Normalize(raw);
        if (!_lookups.Enumerators.TryGetValue(normalized, out var enumerator))
        {
            enumerator = new EntityRef(Guid.CreateVersion7());
            _lookups.Enumerators[normalized] = enumerator;
            batch.Enumerators.Add(new NewEnumerator(enumerator, FieldNames.Clean(raw), normalized));
        }

        _enumeratorsByText[text] = enumerator;
        return enumerator;
    }

    private RowError Error(CsvDataReader csv, long line, string message)
    {
        var data = new StringBuilder();
        for (var i = 0; i < csv.RowFieldCount && data.Length < DataMax; i++)
        {
            if (i > 0)
            {
                data.Append(shape.Delimiter);
            }

            data.Append(csv.GetFieldSpan(i));
        }

        var text = Sanitize(data.ToString().Trim());
        return new RowError(line, message.Length > 500 ? message[..500] : message, text.Length > DataMax ? text[..DataMax] : text);
    }

    private static string Clip(ReadOnlySpan<char> value) => Sanitize(value.Length > 40 ? value[..40].ToString() + "…" : value.ToString());

    // PostgreSQL text cannot hold NUL; a file with NULs is garbage on those lines anyway.
    private static string Sanitize(string value) => value.Contains('\0', StringComparison.Ordinal) ? value.Replace("\0", "", StringComparison.Ordinal) : value;
}
