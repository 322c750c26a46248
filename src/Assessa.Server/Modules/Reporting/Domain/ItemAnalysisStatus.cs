namespace Assessa.Server.Modules.Reporting.Domain;

/// <summary>The states of an <see cref="ItemAnalysis"/> (snake_case, as the API shows them).</summary>
public static class ItemAnalysisStatus
{
    public const string Queued = "queued";
    public const string Running = "running";

    /// <summary>Statistics were computed.</summary>
    public const string Completed = "completed";

    /// <summary>Fewer completed submissions than the minimum sample: no statistics.</summary>
    public const string InsufficientSample = "insufficient_sample";

    /// <summary>The version has no item that carries a score for every submission: no statistics.</summary>
    public const string NoItems = "no_items";

    /// <summary>The computation failed for good (the reason is stored).</summary>
    public const string Failed = "failed";
}
