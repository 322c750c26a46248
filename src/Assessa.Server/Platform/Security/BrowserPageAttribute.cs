namespace Assessa.Server.Platform.Security;

/// <summary>
/// Marks an endpoint that renders HTML for signed-in staff in a browser: it accepts the sign-in cookie (besides
/// bearer tokens) and sends browsers without one to the sign-in page. A POST marked so must validate the
/// anti-forgery token when the request came with the cookie.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class BrowserPageAttribute : Attribute;
