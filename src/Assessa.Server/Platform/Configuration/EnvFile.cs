using System.Text;

namespace Assessa.Server.Platform.Configuration;

/// <summary>
/// Reads a dotenv-style file: <c>KEY=VALUE</c> lines, <c>#</c> comments, optional <c>export</c> prefix,
/// single quotes (literal) and double quotes (with \n, \t, \", \\ escapes). Unquoted values end at " #".
/// </summary>
public static class EnvFile
{
    public const string Setting = "ENV_FILE";
    public const string DefaultFileName = ".env";

    /// <summary>
    /// The file named by <c>ENV_FILE</c> (it must exist), or <c>.env</c> in the working directory when present.
    /// Returns an empty list when there is no file to read.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> LoadFromEnvironment(string workingDirectory)
    {
        var named = Environment.GetEnvironmentVariable(Setting);
        if (!string.IsNullOrWhiteSpace(named))
        {
            var path = Path.GetFullPath(named, workingDirectory);
            if (!File.Exists(path))
            {
                throw new InvalidSettingException(Setting, $"file '{path}' does not exist");
            }

            return Parse(File.ReadAllText(path), path);
        }

        var defaultPath = Path.Combine(workingDirectory, DefaultFileName);
        return File.Exists(defaultPath) ? Parse(File.ReadAllText(defaultPath), defaultPath) : [];
    }

    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text, string source = DefaultFileName)
    {
        var result = new List<KeyValuePair<string, string>>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidSettingException(Setting, $"{source} line {i + 1}: expected KEY=VALUE");
            }

            var key = line[..equals].Trim();
            if (!IsValidKey(key))
            {
                throw new InvalidSettingException(Setting, $"{source} line {i + 1}: '{key}' is not a valid variable name");
            }

            var value = ParseValue(line[(equals + 1)..].TrimStart(), source, i + 1);
            result.Add(new(key, value));
        }

        return result;
    }

    private static bool IsValidKey(string key) =>
        key.Length > 0 && !char.IsDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':');

    private static string ParseValue(string raw, string source, int lineNumber)
    {
        if (raw.Length == 0)
        {
            return "";
        }

        var quote = raw[0];
        if (quote is '"' or '\'')
        {
            var close = FindClosingQuote(raw, quote);
            if (close < 0)
            {
                throw new InvalidSettingException(Setting, $"{source} line {lineNumber}: missing closing {quote}");
            }

            var rest = raw[(close + 1)..].Trim();
            if (rest.Length > 0 && rest[0] != '#')
            {
                throw new InvalidSettingException(Setting, $"{source} line {lineNumber}: unexpected text after the closing quote");
            }

            var inner = raw[1..close];
            return quote == '"' ? Unescape(inner) : inner;
        }

        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        return (comment >= 0 ? raw[..comment] : raw).TrimEnd();
    }

    private static int FindClosingQuote(string raw, char quote)
    {
        for (var i = 1; i < raw.Length; i++)
        {
            if (quote == '"' && raw[i] == '\\')
            {
                i++;
                continue;
            }

            if (raw[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i == value.Length - 1)
            {
                sb.Append(value[i]);
                continue;
            }

            i++;
            sb.Append(value[i] switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                _ => value[i],
            });
        }

        return sb.ToString();
    }
}
