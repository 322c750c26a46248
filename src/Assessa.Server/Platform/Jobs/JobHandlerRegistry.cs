namespace Assessa.Server.Platform.Jobs;

/// <summary>Describes one registered job type and, optionally, the outbox message type that fans out to it.</summary>
public sealed record JobHandlerRegistration(string JobType, Type HandlerType, string? MessageType, int? MaxAttempts);

/// <summary>Which handler runs which job type, and which job types each outbox message type fans out to.</summary>
public sealed class JobHandlerRegistry
{
    private readonly Dictionary<string, JobHandlerRegistration> _byJobType;
    private readonly ILookup<string, JobHandlerRegistration> _byMessageType;

    public JobHandlerRegistry(IEnumerable<JobHandlerRegistration> registrations)
    {
        var list = registrations.ToList();
        var duplicate = list.GroupBy(r => r.JobType, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Job type '{duplicate.Key}' is registered more than once.");
        }

        _byJobType = list.ToDictionary(r => r.JobType, StringComparer.Ordinal);
        _byMessageType = list.Where(r => r.MessageType is not null).ToLookup(r => r.MessageType!, StringComparer.Ordinal);
    }

    public JobHandlerRegistration? Find(string jobType) => _byJobType.GetValueOrDefault(jobType);

    public IEnumerable<JobHandlerRegistration> ForMessage(string messageType) => _byMessageType[messageType];
}
