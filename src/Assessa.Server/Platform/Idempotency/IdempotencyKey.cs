namespace Assessa.Server.Platform.Idempotency;

/// <summary>Parses the <c>Idempotency-Key</c> header: an RFC 8941 sf-string (<c>"abc"</c>) or a bare token, 1–255 characters.</summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxLength = 255;

    public static bool TryParse(string? header, out string key, out string problem)
    {
        key = "";
        header = header?.Trim();
        if (string.IsNullOrEmpty(header))
        {
            problem = "The Idempotency-Key header is empty.";
            return false;
        }

        if (header[0] == '"')
        {
            if (!TryParseSfString(header, out key))
            {
                problem = "The Idempotency-Key header is not a valid quoted string (\"...\" with only \\\" and \\\\ escapes).";
                return false;
            }
        }
        else if (header.All(c => c is > ' ' and <= '~' and not '"' and not '\\' and not ','))
        {
            key = header;
        }
        else
        {
            problem = "The Idempotency-Key header must be a quoted string or a single token of visible ASCII characters.";
            return false;
        }

        if (key.Length is 0 or > MaxLength)
        {
            problem = $"The Idempotency-Key must be 1 to {MaxLength} characters long.";
            return false;
        }

        problem = "";
        return true;
    }

    private static bool TryParseSfString(string header, out string value)
    {
        value = "";
        var chars = new System.Text.StringBuilder();
        for (var i = 1; i < header.Length; i++)
        {
            var c = header[i];
            if (c == '\\')
            {
                if (i + 1 >= header.Length || header[i + 1] is not ('"' or '\\'))
                {
                    return false;
                }

                chars.Append(header[++i]);
            }
            else if (c == '"')
            {
                if (i != header.Length - 1)
                {
                    return false;
                }

                value = chars.ToString();
                return true;
            }
            else if (c is < ' ' or > '~')
            {
                return false;
            }
            else
            {
                chars.Append(c);
            }
        }

        return false;
    }
}
