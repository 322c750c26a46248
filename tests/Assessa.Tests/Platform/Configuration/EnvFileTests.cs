using Assessa.Server.Platform.Configuration;

namespace Assessa.Tests.Platform.Configuration;

public sealed class EnvFileTests
{
    [Fact]
    public void Reads_keys_values_comments_quotes_and_export()
    {
        var values = EnvFile.Parse("""
            # a comment
            DATABASE_URL=sqlite:///./data/x.db
            export Jobs__Concurrency=4
            QUOTED="two words # not a comment"
            SINGLE='raw \n stays'
            ESCAPED="line1\nline2 \"q\""
            INLINE=value # trailing comment
            EMPTY=

            SPACED = padded
            """).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("sqlite:///./data/x.db", values["DATABASE_URL"]);
        Assert.Equal("4", values["Jobs__Concurrency"]);
        Assert.Equal("two words # not a comment", values["QUOTED"]);
        Assert.Equal(@"raw \n stays", values["SINGLE"]);
        Assert.Equal("line1\nline2 \"q\"", values["ESCAPED"]);
        Assert.Equal("value", values["INLINE"]);
        Assert.Equal("", values["EMPTY"]);
        Assert.Equal("padded", values["SPACED"]);
        Assert.Equal(8, values.Count);
    }

    [Theory]
    [InlineData("NOEQUALS", "line 1: expected KEY=VALUE")]
    [InlineData("OK=1\n=value", "line 2: expected KEY=VALUE")]
    [InlineData("1BAD=x", "'1BAD' is not a valid variable name")]
    [InlineData("A=\"unterminated", "line 1: missing closing \"")]
    [InlineData("A='x' junk", "unexpected text after the closing quote")]
    public void Rejects_malformed_lines_naming_the_line(string text, string expected)
    {
        var error = Assert.Throws<InvalidSettingException>(() => EnvFile.Parse(text));
        Assert.Equal("ENV_FILE", error.Setting);
        Assert.Contains(expected, error.Message);
    }
}
