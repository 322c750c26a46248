using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Assessa.Server.Platform.Files;

/// <summary>
/// Writes an xlsx workbook (Office Open XML SpreadsheetML) forward-only onto any stream, including an HTTP
/// response: each sheet's rows are encoded into a small pooled buffer and written asynchronously into a deflated
/// zip entry, so memory stays flat whatever the row count and no synchronous IO reaches the output (what the zip
/// archive still writes synchronously is held by <see cref="AsyncOutput"/> and written asynchronously). Strings are
/// written inline (<c>t="inlineStr"</c>, no shared-string table), with characters XML 1.0 forbids removed and
/// at most <see cref="MaxCellChars"/> characters per cell; <see cref="DateTime"/> cells carry a date-time format.
/// A sheet holds at most <see cref="MaxRows"/> rows (Excel's limit, header included); one more throws
/// <see cref="XlsxRowLimitException"/>.
/// </summary>
/// <example>
/// <code>
/// await using var xlsx = await XlsxWriter.CreateAsync(stream, ct);
/// await xlsx.StartSheetAsync("Results", ct);
/// await xlsx.WriteHeaderAsync(["name", "score"], ct);
/// xlsx.BeginRow(); xlsx.Cell("Ana"); xlsx.Cell(12.5); await xlsx.EndRowAsync(ct);
/// await xlsx.FinishAsync(ct);
/// </code>
/// </example>
public sealed class XlsxWriter : IAsyncDisposable
{
    /// <summary>Rows per sheet Excel opens (1,048,576).</summary>
    public const int MaxRows = 1_048_576;

    /// <summary>Characters per cell Excel keeps (32,767); longer strings are cut.</summary>
    public const int MaxCellChars = 32_767;

    private const int FlushBytes = 1 << 16;
    private const byte DateStyle = 1;
    private const byte HeaderStyle = 2;
    private static readonly DateTime Epoch = new(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "&<>\r\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");

    private readonly AsyncOutput _output;
    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];
    private readonly CompressionLevel _level;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FlushBytes * 2);
    private int _length;
    private Stream? _entry;
    private int _row;
    private int _column;
    private readonly byte[] _rowDigits = new byte[8];
    private int _rowDigitCount;
    private bool _inRow;
    private bool _finished;

    private XlsxWriter(AsyncOutput output, ZipArchive zip, CompressionLevel level)
    {
        _output = output;
        _zip = zip;
        _level = level;
    }

    /// <summary>Rows written to the current sheet (header included).</summary>
    public int RowCount => _row;

    /// <summary>Starts a workbook on <paramref name="output"/> (left open). Call <see cref="FinishAsync"/> to complete it.</summary>
    public static async Task<XlsxWriter> CreateAsync(Stream output, CancellationToken ct, CompressionLevel level = CompressionLevel.Fastest)
    {
        var async = new AsyncOutput(output);
        var zip = await ZipArchive.CreateAsync(async, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        return new XlsxWriter(async, zip, level);
    }

    /// <summary>Ends the current sheet, if any, and starts a new one named <paramref name="name"/> (cut to 31 characters, <c>[]:*?/\</c> replaced).</summary>
    public async Task StartSheetAsync(string name, CancellationToken ct)
    {
        await EndSheetAsync(ct);
        var clean = SheetName(name, _sheets.Count + 1);
        _sheets.Add(clean);
        _entry = await _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", _level).OpenAsync(ct);
        _row = 0;
        Ascii("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
    }

    /// <summary>Writes a row of bold strings (column titles).</summary>
    public ValueTask WriteHeaderAsync(IReadOnlyList<string> titles, CancellationToken ct)
    {
        BeginRow();
        foreach (var title in titles)
        {
            WriteString(title, HeaderStyle);
        }

        return EndRowAsync(ct);
    }

    /// <summary>Writes a row of cells: strings, numbers, <see cref="DateTime"/>s, booleans or nulls (empty cells); anything else as its invariant string.</summary>
    public ValueTask WriteRowAsync(IEnumerable<object?> cells, CancellationToken ct)
    {
        BeginRow();
        foreach (var cell in cells)
        {
            Cell(cell);
        }

        return EndRowAsync(ct);
    }

    /// <summary>Starts a row; add cells with the <c>Cell</c> overloads, then call <see cref="EndRowAsync"/>.</summary>
    public void BeginRow()
    {
        if (_entry is null || _inRow)
        {
            throw new InvalidOperationException(_entry is null ? "Start a sheet before writing rows." : "The previous row was not ended.");
        }

        if (_row >= MaxRows)
        {
            throw new XlsxRowLimitException();
        }

        _row++;
        _column = 0;
        _inRow = true;
        _row.TryFormat(_rowDigits, out _rowDigitCount, default, CultureInfo.InvariantCulture);
        Ascii("<row r=\"");
        Bytes(_rowDigits.AsSpan(0, _rowDigitCount));
        Ascii("\">");
    }

    /// <summary>Ends the row; writes the buffer to the zip entry when it is large enough.</summary>
    public ValueTask EndRowAsync(CancellationToken ct)
    {
        Ascii("</row>");
        _inRow = false;
        return _length >= FlushBytes ? FlushAsync(ct) : ValueTask.CompletedTask;
    }

    public void Cell(string? value)
    {
        if (value is null)
        {
            Skip();
        }
        else
        {
            WriteString(value, 0);
        }
    }

    public void Cell(double? value)
    {
        if (value is not { } number || !double.IsFinite(number))
        {
            Skip();
            return;
        }

        CellStart(0);
        Ascii("><v>");
        var span = Reserve(32);
        number.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture);
        _length += written;
        Ascii("</v></c>");
    }

    public void Cell(long? value)
    {
        if (value is not { } number)
        {
            Skip();
            return;
        }

        CellStart(0);
        Ascii("><v>");
        number.TryFormat(Reserve(24), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        Ascii("</v></c>");
    }

    /// <summary>A date-time (shown as yyyy-mm-dd hh:mm:ss); the value is written as is (UTC stays UTC).</summary>
    public void Cell(DateTime? value)
    {
        if (value is not { } date)
        {
            Skip();
            return;
        }

        CellStart(DateStyle);
        Ascii("><v>");
        Serial(date);
        Ascii("</v></c>");
    }

    /// <summary>
    /// Excel's serial date (days since 1899-12-30, the time of day as the fraction) rounded to 10 decimals and
    /// written with integer arithmetic: a custom numeric format string per cell cost more than the rest of the row.
    /// </summary>
    private void Serial(DateTime date)
    {
        var ticks = (date - Epoch).Ticks;
        if (ticks < 0)
        {
            (date - Epoch).TotalDays.TryFormat(Reserve(32), out var text, "0.##########", CultureInfo.InvariantCulture);
            _length += text;
            return;
        }

        var days = ticks / TimeSpan.TicksPerDay;
        // The fraction of the day in units of 1e-10 day, rounded half up: ticks × 1e10 / 864e9 = ticks × 10 / 864.
        var fraction = ((ticks % TimeSpan.TicksPerDay * 10) + 432) / 864;
        if (fraction == 10_000_000_000)
        {
            (days, fraction) = (days + 1, 0);
        }

        days.TryFormat(Reserve(20), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        if (fraction == 0)
        {
            return;
        }

        var digits = 10;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        var span = Reserve(digits + 1);
        span[0] = (byte)'.';
        for (var i = digits; i > 0; i--, fraction /= 10)
        {
            span[i] = (byte)('0' + (fraction % 10));
        }

        _length += digits + 1;
    }

    public void Cell(bool? value)
    {
        if (value is not { } flag)
        {
            Skip();
            return;
        }

        CellStart(0);
        Ascii(flag ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>");
    }

    public void Cell(object? value)
    {
        switch (value)
        {
            case null: Skip(); break;
            case string s: Cell(s); break;
            case DateTime d: Cell(d); break;
            case DateTimeOffset o: Cell(o.UtcDateTime); break;
            case bool b: Cell(b); break;
            case int or long or short or byte: Cell(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case double or float or decimal: Cell(Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            default: Cell(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>Ends the last sheet and writes the workbook parts; the output then holds a complete xlsx file.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        if (_finished)
        {
            return;
        }

        if (_sheets.Count == 0)
        {
            await StartSheetAsync("Sheet1", ct);
        }

        await EndSheetAsync(ct);
        await PartAsync("[Content_Types].xml", XlsxParts.ContentTypes(_sheets.Count), ct);
        await PartAsync("_rels/.rels", XlsxParts.RootRelationships, ct);
        await PartAsync("xl/workbook.xml", XlsxParts.Workbook(_sheets), ct);
        await PartAsync("xl/_rels/workbook.xml.rels", XlsxParts.WorkbookRelationships(_sheets.Count), ct);
        await PartAsync("xl/styles.xml", XlsxParts.Styles, ct);
        _finished = true;
        await _zip.DisposeAsync();
        await _output.DrainAsync(ct);
        await _output.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Only after a failure: close what is open, as far as the output still takes it (the file is incomplete anyway).
            if (_entry is not null)
            {
                await _entry.DisposeAsync();
                _entry = null;
            }

            if (!_finished)
            {
                _finished = true;
                await _zip.DisposeAsync();
                await _output.DrainAsync(CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The output failed or was aborted, which is what brought us here; the original error is what matters.
        }

        await _output.DisposeAsync();

        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private async Task EndSheetAsync(CancellationToken ct)
    {
        if (_entry is null)
        {
            return;
        }

        if (_inRow)
        {
            throw new InvalidOperationException("The last row was not ended.");
        }

        Ascii("</sheetData></worksheet>");
        await FlushAsync(ct);
        await _entry.DisposeAsync();
        _entry = null;
        await _output.DrainAsync(ct);
    }

    private async Task PartAsync(string name, string xml, CancellationToken ct)
    {
        await using (var entry = await _zip.CreateEntry(name, _level).OpenAsync(ct))
        {
            await entry.WriteAsync(Encoding.UTF8.GetBytes(xml), ct);
        }

        await _output.DrainAsync(ct);
    }

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        if (_length > 0)
        {
            await _entry!.WriteAsync(_buffer.AsMemory(0, _length), ct);
            _length = 0;
        }
    }

    private void Skip() => _column++;

    private void CellStart(byte style)
    {
        _column++;
        Ascii("<c r=\"");
        Bytes(XlsxParts.ColumnName(_column));
        Bytes(_rowDigits.AsSpan(0, _rowDigitCount));
        Ascii(style switch { DateStyle => "\" s=\"1\"", HeaderStyle => "\" s=\"2\"", _ => "\"" });
    }

    private void WriteString(string value, byte style)
    {
        CellStart(style);
        Ascii(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
        var text = value.Length > MaxCellChars ? value.AsSpan(0, MaxCellChars) : value.AsSpan();
        if (text.IndexOfAny(Special) < 0 && !HasSurrogates(text))
        {
            var span = Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
            _length += Encoding.UTF8.GetBytes(text, span);
        }
        else
        {
            Escaped(text);
        }

        Ascii("</t></is></c>");
    }

    private static bool HasSurrogates(ReadOnlySpan<char> text) => text.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    /// <summary>Escapes markup and drops what XML 1.0 forbids (control characters, U+FFFE/U+FFFF, lone surrogates).</summary>
    private void Escaped(ReadOnlySpan<char> text)
    {
        Span<char> pair = stackalloc char[2];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': Ascii("&amp;"); continue;
                case '<': Ascii("&lt;"); continue;
                case '>': Ascii("&gt;"); continue;
                case '\r': Ascii("&#13;"); continue;
                case '\t' or '\n': Ascii(c == '\t' ? "\t" : "\n"); continue;
            }

            if (c < ' ' || c is '\uFFFE' or '\uFFFF')
            {
                continue;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    pair[0] = c;
                    pair[1] = text[++i];
                    _length += Encoding.UTF8.GetBytes(pair, Reserve(4));
                }

                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                continue;
            }

            _length += Encoding.UTF8.GetBytes(new ReadOnlySpan<char>(in c), Reserve(3));
        }
    }

    private void Ascii(string text)
    {
        var span = Reserve(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        _length += text.Length;
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return _buffer.AsSpan(_length);
    }

    private static string SheetName(string name, int number)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) || char.IsControl(c) ? '_' : c)]).Trim('\'');
        clean = clean.Length > 31 ? clean[..31] : clean;
        return clean.Length == 0 ? $"Sheet{number}" : clean;
    }
}

/// <summary>A sheet would exceed Excel's <see cref="XlsxWriter.MaxRows"/> rows.</summary>
public sealed class XlsxRowLimitException()
    : InvalidOperationException($"An xlsx sheet holds at most {XlsxWriter.MaxRows:N0} rows (Excel's limit, header included).");
