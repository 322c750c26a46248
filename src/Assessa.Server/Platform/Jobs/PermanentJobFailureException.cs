namespace Assessa.Server.Platform.Jobs;

/// <summary>
/// Thrown by a handler when retrying cannot help (the payload itself is wrong): the job fails at once with
/// this message as its error, whatever attempts remain.
/// </summary>
public sealed class PermanentJobFailureException : Exception
{
    public PermanentJobFailureException()
    {
    }

    public PermanentJobFailureException(string message)
        : base(message)
    {
    }

    public PermanentJobFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
