using System.Linq.Expressions;

namespace Assessa.Server.Platform.Data;

public static class QueryableExtensions
{
    /// <summary>Applies a filter only when the caller asked for it (optional query parameters).</summary>
    public static IQueryable<T> WhereIf<T>(this IQueryable<T> query, bool condition, Expression<Func<T, bool>> predicate) =>
        condition ? query.Where(predicate) : query;
}
