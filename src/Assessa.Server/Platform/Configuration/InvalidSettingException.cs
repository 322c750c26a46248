namespace Assessa.Server.Platform.Configuration;

/// <summary>
/// A configuration value that cannot be used. Program prints it as one line and exits, so an operator sees
/// which setting to fix instead of a stack trace.
/// </summary>
public sealed class InvalidSettingException(string setting, string problem)
    : Exception($"Invalid setting {setting}: {problem}")
{
    /// <summary>The setting as an operator writes it in the environment (e.g. <c>Http__MaxRequestBodyBytes</c>).</summary>
    public string Setting { get; } = setting;

    public string Problem { get; } = problem;
}
