namespace Assessa.Server.Platform.Jobs;

public enum JobOutcome
{
    /// <summary>The handler finished; the job is succeeded.</summary>
    Succeeded,

    /// <summary>The handler failed; the job is queued again after a delay.</summary>
    WillRetry,

    /// <summary>The job failed for good (attempts used up, or no handler).</summary>
    Failed,

    /// <summary>Another runner took the job over (this runner's lease expired); this run's result was discarded.</summary>
    LeaseLost,

    /// <summary>This runner stopped; the job went back to the queue without using up an attempt.</summary>
    Released,
}
