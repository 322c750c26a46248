using System.Globalization;
using System.Text;
using Assessa.Server.Modules.Field.Domain;

namespace Assessa.Server.Modules.Field.Features.Import;

/// <summary>What an import detected about its file: the delimiter, the encoding and where each column is.</summary>
public sealed record CsvShape(char Delimiter, string EncodingName)
{
    public const string Utf8 = "utf-8";
    public const string Utf8Bom = "utf-8-bom";
    public const string Latin1 = "iso-8859-1";

    public Encoding Encoding => EncodingName == Latin1 ? Encoding.Latin1 : Encoding.UTF8;

    public string DelimiterName => Delimiter.ToString();
}

/// <summary>
/// The operations export format (contracts/field-kpi-api.md): header names, delimiter and encoding detection,
/// and the day-first date formats. Pure functions, shared by the upload (header check) and the import job.
/// </summary>
public static class FieldCsv
{
    public const string Number = "id_atendimento";
    public const string Client = "id_cliente";
    public const string Angel = "angel";
    public const string Polo = "polo";
    public const string Deadline = "data_limite";
    public const string Visit = "data_de_atendimento";

    public static readonly IReadOnlyList<string> Columns = [Number, Client, Angel, Polo, Deadline, Visit];

    /// <summary>
    /// UTF-8 when every byte of the file is valid UTF-8 (BOM or not), else Latin-1 — one streaming pass, so a
    /// Latin-1 accent on the last line is still seen.
    /// </summary>
    public static async Task<string> DetectEncodingAsync(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 20];
        var chars = new char[(1 << 20) + 4];
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var first = true;
        var bom = false;
        int read;
        try
        {
            while ((read = await file.ReadAsync(buffer, ct)) > 0)
            {
                if (first)
                {
                    bom = read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF;
                    first = false;
                }

                // GetChars, not GetCharCount: only GetChars keeps a character split across two reads for the next one.
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            return CsvShape.Latin1;
        }

        return bom ? CsvShape.Utf8Bom : CsvShape.Utf8;
    }

    /// <summary>The delimiter the header line uses most: <c>,</c>, <c>;</c> or tab.</summary>
    public static char DetectDelimiter(string headerLine)
    {
        var commas = headerLine.Count(c => c == ',');
        var semicolons = headerLine.Count(c => c == ';');
        var tabs = headerLine.Count(c => c == '\t');
        return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    /// <summary>Reads the first line of the file (at most 64 KB) in <paramref name="encoding"/>.</summary>
    public static async Task<string?> ReadHeaderLineAsync(string path, Encoding encoding, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var buffer = new byte[64 * 1024];
        var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        var skip = read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        var text = encoding.GetString(buffer, skip, read - skip).TrimStart('\uFEFF');
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? (read < buffer.Length ? text : null) : text[..end];
    }

    /// <summary>Column positions by name (trimmed, case-insensitive); the names of required columns that are missing.</summary>
    public static (Dictionary<string, int> Positions, List<string> Missing) MapHeader(IEnumerable<string> names)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var name in names)
        {
            var key = name.Trim().Trim('\uFEFF', '"').Trim().ToLowerInvariant();
            positions.TryAdd(key, i++);
        }

        return (positions, Columns.Where(c => !positions.ContainsKey(c)).ToList());
    }

    public static bool TryParseId(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    /// <summary>A day (no time of day), in any of <see cref="FieldDates"/>' formats.</summary>
    public static bool TryParseDeadline(ReadOnlySpan<char> text, out DateOnly value) =>
        FieldDates.TryParse(text, out value, out var time) && time is null;

    /// <summary>Day first (<see cref="FieldDates"/>); empty is "not visited yet"; date-times keep their time of day.</summary>
    public static bool TryParseVisit(ReadOnlySpan<char> text, out DateOnly? date, out TimeOnly? time)
    {
        date = null;
        time = null;
        if (text.Trim().IsEmpty)
        {
            return true;
        }

        if (!FieldDates.TryParse(text, out var day, out time))
        {
            return false;
        }

        date = day;
        return true;
    }
}
