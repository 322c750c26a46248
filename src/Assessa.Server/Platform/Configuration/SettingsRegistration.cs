namespace Assessa.Server.Platform.Configuration;

/// <summary>A settings type that startup reads (and so validates) before serving.</summary>
public sealed record SettingsRegistration(Type SettingsType);

public static class SettingsRegistrationExtensions
{
    /// <summary>
    /// Registers settings read from configuration when first needed. Startup reads every registered settings
    /// type first, so a bad value stops the server with one line naming it.
    /// </summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, Func<SettingReader, IServiceProvider, T> read)
        where T : class
    {
        services.AddSingleton(sp => read(new SettingReader(sp.GetRequiredService<IConfiguration>()), sp));
        services.AddSingleton(new SettingsRegistration(typeof(T)));
        return services;
    }

    /// <summary>Reads every registered settings type; throws <see cref="InvalidSettingException"/> for the first bad one.</summary>
    public static void ValidateSettings(this IServiceProvider services)
    {
        foreach (var registration in services.GetServices<SettingsRegistration>())
        {
            services.GetRequiredService(registration.SettingsType);
        }
    }
}
