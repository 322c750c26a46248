namespace Assessa.Server.Platform.Errors;

/// <summary>
/// Collects field errors for one request and turns them into a 400 <see cref="Error"/>. Field names are the
/// JSON names the client sent (snake_case, with paths like <c>answers[2].value</c>).
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public int ErrorCount => _errors.Sum(e => e.Value.Count);

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    public Validation Check(bool condition, string field, string message) => condition ? this : Add(field, message);

    public Validation Required(string field, string? value) =>
        Check(!string.IsNullOrWhiteSpace(value), field, "is required.");

    public Validation Required<T>(string field, T? value)
        where T : struct =>
        Check(value.HasValue, field, "is required.");

    public Validation MaxLength(string field, string? value, int max) =>
        Check(value is null || value.Length <= max, field, $"must be at most {max} characters.");

    public Validation Range(string field, long? value, long min, long max) =>
        Check(value is null || (value >= min && value <= max), field, $"must be between {min} and {max}.");

    public Error ToError(string? detail = null) =>
        Error.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal), detail);
}
