using Assessa.Server.Platform.Idempotency;

namespace Assessa.Tests.Platform.Idempotency;

public sealed class IdempotencyKeyTests
{
    [Theory]
    [InlineData("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("\"with space and \\\"quote\\\"\"", "with space and \"quote\"")]
    [InlineData("  padded  ", "padded")]
    public void Accepts_quoted_strings_and_bare_tokens(string header, string expected)
    {
        Assert.True(IdempotencyKey.TryParse(header, out var key, out _));
        Assert.Equal(expected, key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("\"unterminated")]
    [InlineData("\"bad \\n escape\"")]
    [InlineData("\"trailing\" junk")]
    [InlineData("two words")]
    [InlineData("a,b")]
    [InlineData("caf\u00e9")]
    public void Rejects_malformed_keys(string header) =>
        Assert.False(IdempotencyKey.TryParse(header, out _, out _));

    [Fact]
    public void Rejects_keys_over_255_characters()
    {
        Assert.True(IdempotencyKey.TryParse(new string('k', 255), out _, out _));
        Assert.False(IdempotencyKey.TryParse(new string('k', 256), out _, out var problem));
        Assert.Contains("255", problem);
    }

    [Fact]
    public void Json_fingerprints_ignore_member_order_and_whitespace_but_not_values()
    {
        static string Of(string body) => RequestFingerprint.Compute("POST", "/x", "application/json", System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Equal(Of("{\"a\":1,\"b\":[1,2]}"), Of("{ \"b\" : [1, 2],\n \"a\": 1 }"));
        Assert.NotEqual(Of("{\"a\":1}"), Of("{\"a\":2}"));
        Assert.NotEqual(Of("{\"b\":[1,2]}"), Of("{\"b\":[2,1]}"));
        Assert.NotEqual(
            RequestFingerprint.Compute("POST", "/x", "application/json", "{}"u8.ToArray()),
            RequestFingerprint.Compute("POST", "/y", "application/json", "{}"u8.ToArray()));
    }
}
