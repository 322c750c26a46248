namespace Assessa.Server.Modules.Delivery.Features.Media;

/// <summary>
/// Which media types are accepted, and a check that the bytes look like the declared container (so a renamed
/// executable or HTML file is refused with 415 rather than stored and served back).
/// </summary>
public static class MediaTypes
{
    private static readonly Dictionary<string, (string Kind, string Extension, Func<byte[], bool> Looks)> Accepted = new(StringComparer.OrdinalIgnoreCase)
    {
        ["video/mp4"] = ("video", ".mp4", IsIsoMedia),
        ["video/quicktime"] = ("video", ".mov", IsIsoMedia),
        ["video/webm"] = ("video", ".webm", IsEbml),
        ["video/ogg"] = ("video", ".ogv", IsOgg),
        ["audio/mp4"] = ("audio", ".m4a", IsIsoMedia),
        ["audio/x-m4a"] = ("audio", ".m4a", IsIsoMedia),
        ["audio/aac"] = ("audio", ".aac", IsAdts),
        ["audio/mpeg"] = ("audio", ".mp3", IsMp3),
        ["audio/webm"] = ("audio", ".weba", IsEbml),
        ["audio/ogg"] = ("audio", ".ogg", IsOgg),
        ["audio/wav"] = ("audio", ".wav", IsWave),
        ["audio/x-wav"] = ("audio", ".wav", IsWave),
    };

    public static IEnumerable<string> Names => Accepted.Keys;

    /// <summary>The stored file extension when <paramref name="mimeType"/> is an accepted type of <paramref name="fileType"/> (video or audio).</summary>
    public static string? Extension(string fileType, string mimeType) =>
        Accepted.TryGetValue(mimeType, out var t) && t.Kind == fileType ? t.Extension : null;

    /// <summary>Whether the first bytes of the file match the declared type.</summary>
    public static bool LooksLike(string mimeType, byte[] head) => Accepted.TryGetValue(mimeType, out var t) && t.Looks(head);

    // ISO base media (MP4, MOV, M4A): a box size then "ftyp" (or an early "moov"/"mdat"/"wide" box in old QuickTime files).
    private static bool IsIsoMedia(byte[] b) => b.Length >= 8 && (Is(b, 4, "ftyp") || Is(b, 4, "moov") || Is(b, 4, "mdat") || Is(b, 4, "wide") || Is(b, 4, "free"));

    private static bool IsEbml(byte[] b) => b.Length >= 4 && b[0] == 0x1A && b[1] == 0x45 && b[2] == 0xDF && b[3] == 0xA3;

    private static bool IsOgg(byte[] b) => b.Length >= 4 && Is(b, 0, "OggS");

    private static bool IsWave(byte[] b) => b.Length >= 12 && Is(b, 0, "RIFF") && Is(b, 8, "WAVE");

    private static bool IsMp3(byte[] b) => b.Length >= 3 && (Is(b, 0, "ID3") || (b[0] == 0xFF && (b[1] & 0xE0) == 0xE0));

    private static bool IsAdts(byte[] b) => b.Length >= 2 && b[0] == 0xFF && (b[1] & 0xF6) == 0xF0;

    private static bool Is(byte[] b, int offset, string ascii) =>
        b.Length >= offset + ascii.Length && ascii.Select((c, i) => b[offset + i] == c).All(x => x);
}
