using Assessa.Server.Platform.Configuration;

namespace Assessa.Server.Modules.Delivery;

/// <summary>
/// Delivery settings (docs/operations.md): <c>Delivery__PublicUrl</c> (the address candidates and ATSs reach this
/// server at; links in jobs and webhooks use it), <c>Delivery__TimerGraceSeconds</c> (how late an answer may
/// arrive after a time limit, default 10), <c>Delivery__DefaultExpiryDays</c> (default 30),
/// <c>Delivery__BulkInlineLimit</c> (bulk invitations above this run as a job, default 1000),
/// <c>Delivery__ReportLinkDays</c> (validity of signed report links, default 90), and <c>Demo__Seed</c> (whether the
/// embedded default's first start creates the demo organisation, default true).
/// </summary>
public sealed record DeliverySettings(Uri? PublicUrl, TimeSpan TimerGrace, int DefaultExpiryDays, int BulkInlineLimit, TimeSpan ReportLinkLifetime, bool SeedDemo = true)
{
    public const int MaxBulkInvitations = 10_000;

    public static DeliverySettings From(SettingReader settings)
    {
        Uri? publicUrl = null;
        if (settings.GetString("Delivery:PublicUrl") is { Length: > 0 } text)
        {
            if (!Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out publicUrl) || publicUrl.Scheme is not ("http" or "https") || publicUrl.Query.Length > 0)
            {
                throw new InvalidSettingException("Delivery__PublicUrl", $"'{text}' is not an absolute http(s) URL like https://assess.example.com");
            }
        }

        return new DeliverySettings(
            publicUrl,
            TimeSpan.FromSeconds(settings.GetInt("Delivery:TimerGraceSeconds", 10, 0, 600)),
            settings.GetInt("Delivery:DefaultExpiryDays", 30, 1, 3650),
            settings.GetInt("Delivery:BulkInlineLimit", 1000, 1, MaxBulkInvitations),
            TimeSpan.FromDays(settings.GetInt("Delivery:ReportLinkDays", 90, 1, 3650)),
            settings.GetBool("Demo:Seed", true));
    }
}
