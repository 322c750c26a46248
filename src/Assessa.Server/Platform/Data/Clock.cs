namespace Assessa.Server.Platform.Data;

public static class Clock
{
    /// <summary>
    /// Now, in UTC, to the microsecond: PostgreSQL keeps microseconds, so a timestamp answered right after a
    /// write equals the one read back later, on either database.
    /// </summary>
    public static DateTime UtcNow(this TimeProvider time) => ToMicroseconds(time.GetUtcNow().UtcDateTime);

    public static DateTime ToMicroseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), value.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : value.Kind);
}
