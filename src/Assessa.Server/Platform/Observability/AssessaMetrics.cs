using System.Diagnostics.Metrics;

namespace Assessa.Server.Platform.Observability;

/// <summary>Assessa's own instruments, exported at /metrics next to ASP.NET Core's and the runtime's.</summary>
public sealed class AssessaMetrics
{
    public const string MeterName = "Assessa";

    public AssessaMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        JobsFinished = meter.CreateCounter<long>("assessa.jobs.finished", description: "Background job runs, by job type and outcome.");
        JobDuration = meter.CreateHistogram<double>("assessa.jobs.duration", unit: "s", description: "Time a job handler ran.");
        OutboxDispatched = meter.CreateCounter<long>("assessa.outbox.dispatched", description: "Outbox messages turned into jobs.");
    }

    public Counter<long> JobsFinished { get; }

    public Histogram<double> JobDuration { get; }

    public Counter<long> OutboxDispatched { get; }
}
